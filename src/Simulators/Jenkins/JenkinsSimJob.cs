namespace AddonGrains.Simulators.Jenkins;

/// <summary>A simulated job. <see cref="Path"/> is <c>name</c> or <c>folder/sub/name</c>.</summary>
public sealed record JenkinsSimJob(string Path)
{
    /// <summary>Declared parameters (name → default value) in declaration order; null or empty = not parameterized.</summary>
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }

    /// <summary>
    /// Choice parameters among <see cref="Parameters"/> (name → allowed values). A value that is not one of them fails
    /// as in Jenkins' <c>ChoiceParameterDefinition.checkValue</c>: an <c>IllegalArgumentException</c> "Illegal choice for
    /// parameter NAME: VALUE", which ends as a 500 page.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Choices { get; init; }

    /// <summary>A disabled job answers 409 to build requests and reports <c>buildable: false</c>.</summary>
    public bool Disabled { get; init; }

    /// <summary>How long each build runs.</summary>
    public TimeSpan BuildDuration { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Result every build ends with: SUCCESS, UNSTABLE, FAILURE, ABORTED or NOT_BUILT.</summary>
    public string Result { get; init; } = "SUCCESS";

    /// <summary>The job's quiet period; null uses <see cref="JenkinsSimulatorOptions.QuietPeriod"/>.</summary>
    public TimeSpan? QuietPeriod { get; init; }

    /// <summary>True when the job declares parameters.</summary>
    public bool IsParameterized => Parameters is { Count: > 0 };
}
