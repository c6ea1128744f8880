namespace AddonGrains.Tests.Support;

/// <summary>Reads the repository's own documents (docs/*.md), found from the test assembly's folder upwards.</summary>
internal static class RepositoryDocs
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(Root(), "docs", name));

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AddonGrains.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("AddonGrains.sln not found above " + AppContext.BaseDirectory);
    }
}
