using AddonGrains.Simulators.World;

namespace AddonGrains.SimulatorHost;

/// <summary>
/// The control endpoint of the simulators' container, on 127.0.0.1:<see cref="Port"/> inside it (reached only with
/// <c>podman exec … addongrains-simulators ROUTE key=value…</c>, see <see cref="ControlClient"/>):
/// <list type="bullet">
/// <item><c>GET /ready</c>: the simulators answer;</item>
/// <item><c>GET /builds?job=J</c>: the job's builds, oldest first: <c>[{number, parameters, building, result}]</c>;</item>
/// <item><c>POST /upgrade?addon=A&amp;version=V</c>: every cluster starts upgrading A to V (state <c>upgrading</c>, desired
/// version V) and stays so until <c>set-version</c>;</item>
/// <item><c>POST /set-version?addon=A&amp;version=V[&amp;clusters=N]</c>: the first N clusters (default all) run V, ready.</item>
/// </list>
/// </summary>
internal static class ControlApi
{
    public const int Port = 8002;

    public static readonly string[] Routes = ["ready", "builds", "upgrade", "set-version"];

    public static void Map(WebApplication app, SimulatedWorld world)
    {
        app.MapGet("/ready", () => "ready");
        app.MapGet("/builds", (string? job) => job is not { Length: > 0 }
            ? Required("job")
            : Results.Json(world.Jenkins.Builds(job).Select(b => new { b.Number, b.Parameters, b.Building, b.Result })));
        app.MapPost("/upgrade", (string? addon, string? version) =>
        {
            if (Missing(addon, version) is { } error)
            {
                return error;
            }

            world.Upgrade(addon!, version!, ScriptedWorld.ClusterIds, listingsUntilReady: null);
            return Done($"{ScriptedWorld.ClusterIds.Length} clusters upgrading {addon} to {version}");
        });
        app.MapPost("/set-version", (string? addon, string? version, int? clusters) =>
        {
            if (Missing(addon, version) is { } error)
            {
                return error;
            }

            var count = clusters ?? ScriptedWorld.ClusterIds.Length;
            if (count < 1 || count > ScriptedWorld.ClusterIds.Length)
            {
                return Results.BadRequest($"clusters must be 1 to {ScriptedWorld.ClusterIds.Length}, not {count}\n");
            }

            world.SetVersion(addon!, version!, ScriptedWorld.ClusterIds.Take(count));
            return Done($"{count} clusters run {addon} {version}, ready");
        });
    }

    private static IResult? Missing(string? addon, string? version) =>
        addon is not { Length: > 0 } ? Required("addon") : version is not { Length: > 0 } ? Required("version") : null;

    private static IResult Required(string name) => Results.BadRequest($"the query parameter '{name}' is required\n");

    private static IResult Done(string what)
    {
        Console.WriteLine($"simulators: {what}");
        return Results.Text(what + "\n");
    }
}
