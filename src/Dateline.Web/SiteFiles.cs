using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Dateline.Web;

/// <summary>
/// The site folder's files as the server may serve them: those of <see cref="PhysicalFileProvider"/>
/// (never outside its root, no dot-files, hidden or system files) that are reached without
/// passing through a symbolic link below the root. A build never makes links, so a link in the
/// site was put there by someone else, and following one (<c>ln -s /etc site/news/etc</c>) would
/// serve files from anywhere; refusing every link keeps each served file's real path inside the
/// site folder. The root itself may be a link (a site kept elsewhere and linked in): it is the
/// operator's choice, made when naming <c>--site</c>.
/// </summary>
internal sealed class SiteFiles(PhysicalFileProvider files) : IFileProvider
{
    private readonly string root = Path.TrimEndingDirectorySeparator(files.Root);

    public IFileInfo GetFileInfo(string subpath)
    {
        var file = files.GetFileInfo(subpath);
        return file.Exists && !Reachable(file.PhysicalPath) ? new NotFoundFileInfo(subpath) : file;
    }

    public IDirectoryContents GetDirectoryContents(string subpath)
    {
        var folder = files.GetDirectoryContents(subpath);
        return folder.Exists && !Reachable(Path.Combine(root, subpath.TrimStart('/', '\\'))) ? NotFoundDirectoryContents.Singleton : folder;
    }

    public IChangeToken Watch(string filter) => files.Watch(filter);

    /// <summary>True when no folder or file from below the root down to <paramref name="path"/> is a symbolic link.</summary>
    private bool Reachable(string? path)
    {
        if (path is null)
        {
            return false;
        }

        var relative = Path.GetRelativePath(root, path);
        if (relative == ".")
        {
            return true;
        }

        if (Path.IsPathRooted(relative) || relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return false;
        }

        var current = root;
        foreach (var segment in relative.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, segment);
            if (new FileInfo(current).LinkTarget is not null)
            {
                return false;
            }
        }

        return true;
    }
}
