namespace Dateline.Articles.Warc;

/// <summary>A WARC file that cannot be read as ISO 28500 says; the message names the file offset.</summary>
public sealed class WarcFormatException(string message, Exception? inner = null) : Exception(message, inner);
