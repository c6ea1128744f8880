namespace AddonGrains.Silo.StatusPage;

/// <summary>
/// <c>GET /api/verdicts/{org}/{addon}[/{version}]</c>: the verdict as <c>addongrains verdict -o json</c> prints it
/// (read-only). 200 with a verdict, 404 for an unknown organization, add-on or version, 503 when the cluster does not answer.
/// </summary>
internal static class VerdictEndpoints
{
    public static WebApplication MapVerdicts(this WebApplication app)
    {
        app.MapGet("/api/verdicts/{org}/{addon}", (string org, string addon, IGrainFactory grains, CancellationToken ct) =>
            ReadAsync(grains, org, addon, null, ct));
        app.MapGet("/api/verdicts/{org}/{addon}/{version}", (string org, string addon, string version, IGrainFactory grains, CancellationToken ct) =>
            ReadAsync(grains, org, addon, version, ct));
        return app;
    }

    private static async Task<IResult> ReadAsync(IGrainFactory grains, string org, string addon, string? version, CancellationToken ct)
    {
        try
        {
            var lookup = await grains.GetGrain<IRegistryGrain>(IRegistryGrain.Key).FindAsync(org, addon, ct).WaitAsync(TimeSpan.FromSeconds(10), ct);
            if (lookup.Error is { } error)
            {
                return Results.Json(new { error }, statusCode: StatusCodes.Status404NotFound);
            }

            var verdict = await grains.GetGrain<IRolloutGrain>(lookup.Keys.Single()).GetVerdictAsync(version, ct).WaitAsync(TimeSpan.FromSeconds(10), ct);
            return Results.Json(VerdictDocument.From(verdict),
                statusCode: verdict.Verdict == Verdict.Unknown ? StatusCodes.Status404NotFound : StatusCodes.Status200OK);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            return Results.Json(new { error = $"the cluster did not answer ({ex.GetType().Name})" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
