namespace AddonGrains.IntegrationTests.Processes;

/// <summary>Where the built silo, demo and CLI live, for the configuration the tests were built in.</summary>
public static class RepoPaths
{
    public static string Root => RepositoryRoot.Path;

    /// <summary>Debug or Release: the same as this test assembly.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string SiloDll => Path.Combine(Root, "src", "Silo", "bin", Configuration, "net10.0", "AddonGrains.Silo.dll");

    /// <summary>The demo (<c>src/Demo</c>): the silo's host with the simulators and the scripted rollout, no configuration file.</summary>
    public static string DemoDll => Path.Combine(Root, "src", "Demo", "bin", Configuration, "net10.0", "AddonGrains.Demo.dll");

    public static string CliDll => Path.Combine(Root, "src", "Client", "bin", Configuration, "net10.0", "addongrains.dll");
}
