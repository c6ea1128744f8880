namespace AddonGrains.Tests.Support;

/// <summary>Reads the repository's own documents (docs/*.md).</summary>
internal static class RepositoryDocs
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", name));
}
