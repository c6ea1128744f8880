namespace AddonGrains.SimulatorHost;

/// <summary>
/// <c>addongrains-simulators ROUTE [key=value…]</c>: one request to the control endpoint of the simulators running in
/// this container (<see cref="ControlApi"/>), its answer on stdout; exit 0 on success, 1 when it failed, 2 on bad usage.
/// </summary>
internal static class ControlClient
{
    public static async Task<int> RunAsync(string[] args)
    {
        var route = args[0];
        var pairs = args.Skip(1).Select(a => a.Split('=', 2)).ToArray();
        if (!ControlApi.Routes.Contains(route) || pairs.Any(p => p.Length != 2))
        {
            await Console.Error.WriteLineAsync(
                "usage: addongrains-simulators [serve] | ready | builds job=J | upgrade addon=A version=V | set-version addon=A version=V [clusters=N]");
            return 2;
        }

        var query = string.Join('&', pairs.Select(p => $"{Uri.EscapeDataString(p[0])}={Uri.EscapeDataString(p[1])}"));
        var method = route is "ready" or "builds" ? HttpMethod.Get : HttpMethod.Post;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        var url = new Uri($"http://127.0.0.1:{ControlApi.Port}/{route}?{query}");
        try
        {
            using var response = await http.SendAsync(new HttpRequestMessage(method, url));
            var body = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                Console.Write(body.EndsWith('\n') ? body : body + "\n");
                return 0;
            }

            await Console.Error.WriteLineAsync($"error: {route}: {(int)response.StatusCode} {body.TrimEnd()}");
            return 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"error: the simulators' control endpoint ({url.GetLeftPart(UriPartial.Authority)}) does not answer: {e.Message}");
            return 1;
        }
    }
}
