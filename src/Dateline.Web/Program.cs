using Dateline.Web;

// `dotnet run --project src/Dateline.Web -- --Dateline:Site DIR --Dateline:Database FILE`; `dateline serve` is the usual way in.
DatelineServer.Create(args).Run();

/// <summary>The entry point, named so WebApplicationFactory can find it.</summary>
public partial class Program;
