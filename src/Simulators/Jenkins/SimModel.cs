namespace AddonGrains.Simulators.Jenkins;

/// <summary>Mutable simulator state of one job; guarded by the <see cref="SimState"/> lock.</summary>
internal sealed class SimJob(JenkinsSimJob definition)
{
    public JenkinsSimJob Definition { get; set; } = definition;

    public string Path => Definition.Path;

    public string Name => Path.Split('/')[^1];

    public int NextBuildNumber { get; set; } = 1;

    public List<SimBuild> Builds { get; } = [];
}

/// <summary>A queue item; guarded by the <see cref="SimState"/> lock.</summary>
internal sealed class SimItem
{
    public required long Id { get; init; }

    public required SimJob Job { get; init; }

    /// <summary>Null for a plain job.</summary>
    public required List<KeyValuePair<string, string>>? Parameters { get; init; }

    public List<string> Causes { get; } = [];

    public required DateTimeOffset InQueueSince { get; init; }

    public required DateTimeOffset Due { get; set; }

    public DateTimeOffset? LeftAt { get; set; }

    public bool Cancelled { get; set; }

    public SimBuild? Build { get; set; }
}

/// <summary>A build; its visible state is derived from the clock.</summary>
internal sealed class SimBuild
{
    public required SimJob Job { get; init; }

    public required int Number { get; init; }

    public required long QueueId { get; init; }

    public required List<KeyValuePair<string, string>>? Parameters { get; init; }

    public required List<string> Causes { get; init; }

    public required DateTimeOffset Start { get; init; }

    public required DateTimeOffset End { get; init; }

    public required string FinalResult { get; init; }
}
