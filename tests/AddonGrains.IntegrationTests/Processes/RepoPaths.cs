namespace AddonGrains.IntegrationTests.Processes;

/// <summary>Where the built silo and CLI live, for the configuration the tests were built in.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the same as this test assembly.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string SiloDll => Path.Combine(Root, "src", "Silo", "bin", Configuration, "net10.0", "AddonGrains.Silo.dll");

    public static string CliDll => Path.Combine(Root, "src", "Client", "bin", Configuration, "net10.0", "addongrains.dll");

    private static string FindRoot()
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
