namespace AddonGrains.Client;

/// <summary>The value of <c>-o|--output</c>.</summary>
internal enum OutputFormat
{
    Table,
    Json,
}
