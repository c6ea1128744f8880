namespace AddonGrains.Client.Commands;

/// <summary>The ORG and ADDON arguments shared by the per-rollout commands, and the manual actions' --reason.</summary>
internal static class RolloutArguments
{
    public static Argument<string> Organization() => new("ORG") { Description = "Organization: its configured name or its orgId" };

    public static Argument<string> Addon() => new("ADDON") { Description = "OCM add-on id, e.g. acm" };

    /// <summary><c>--yes</c> of the manual actions: without it they only say what they would do (exit 4).</summary>
    public static Option<bool> Yes(string description) => new("--yes") { Description = description };

    /// <summary><c>--reason TEXT</c> of the manual actions: kept in the audit trail with who did it.</summary>
    public static Option<string> Reason()
    {
        var option = new Option<string>("--reason") { Description = "Why (kept in the rollout's history with who did it)", Required = true, HelpName = "TEXT" };
        option.Validators.Add(r =>
        {
            if (string.IsNullOrWhiteSpace(r.GetValueOrDefault<string>()))
            {
                r.AddError("--reason must not be empty");
            }
        });
        return option;
    }
}
