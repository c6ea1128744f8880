namespace AddonGrains.Testing;

/// <summary>The repository's root (the folder of AddonGrains.sln), found from the running assembly's folder upwards.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "AddonGrains.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AddonGrains.sln not found above " + AppContext.BaseDirectory);
    }
}
