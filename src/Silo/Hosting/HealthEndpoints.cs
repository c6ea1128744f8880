using Npgsql;

namespace AddonGrains.Silo.Hosting;

/// <summary><c>/healthz</c> (process alive) and <c>/readyz</c> (joined the cluster, storage reachable, configuration loaded).</summary>
internal static class HealthEndpoints
{
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", async (IGrainFactory grains, StorageMode storage, SettingsSource settings, CancellationToken ct) =>
        {
            var problems = new List<string>();
            try
            {
                await grains.GetGrain<IRegistryGrain>(IRegistryGrain.Key).GetKeysAsync(ct).WaitAsync(TimeSpan.FromSeconds(5), ct);
            }
            // A probe is a process edge: any failure (a grain whose state cannot load while storage is down, too) means "not ready".
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                problems.Add($"cluster: {ex.GetType().Name}: {ex.Message}");
            }

            if (storage.ConnectionString is { } connectionString)
            {
                try
                {
                    await using var connection = new NpgsqlConnection(connectionString);
                    await connection.OpenAsync(ct).WaitAsync(TimeSpan.FromSeconds(5), ct);
                    await using var command = new NpgsqlCommand("SELECT 1", connection);
                    await command.ExecuteScalarAsync(ct);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    problems.Add($"storage: PostgreSQL not reachable ({ex.GetType().Name})");
                }
            }

            var ready = $"ready: {settings.Current.RolloutKeys.Length} organization x add-on pairs configured\n";
            return problems.Count == 0
                ? Results.Text(ready)
                : Results.Text("not ready:\n" + string.Join("\n", problems) + "\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }
}
