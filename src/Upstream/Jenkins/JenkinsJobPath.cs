namespace AddonGrains.Upstream.Jenkins;

/// <summary>Maps a configured job path (<c>folder/sub/job</c>) to its Jenkins URL forms.</summary>
internal static class JenkinsJobPath
{
    /// <summary>The validated segments of <paramref name="jobPath"/>.</summary>
    public static string[] Segments(string jobPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobPath);
        var segments = jobPath.Trim('/').Split('/');
        foreach (var segment in segments)
        {
            // Jenkins item names are never empty, "." or ".."; those would also be collapsed by URI normalization.
            if (segment.Length == 0 || segment is "." or "..")
            {
                throw new ArgumentException($"Invalid Jenkins job path '{jobPath}'.", nameof(jobPath));
            }
        }

        return segments;
    }

    /// <summary><c>job/a/job/b</c>, unencoded, for a Refit <c>{**job}</c> parameter (Refit escapes each segment).</summary>
    public static string ToRoutePath(string jobPath) => string.Join('/', Segments(jobPath).Select(s => "job/" + s));

    /// <summary><c>/job/a%20b/job/c</c>, each segment percent-encoded as UTF-8.</summary>
    public static string ToEncodedPath(string jobPath) =>
        string.Concat(Segments(jobPath).Select(s => "/job/" + Uri.EscapeDataString(s)));

    /// <summary>True when <paramref name="url"/> (e.g. a queue item's <c>task.url</c>) points at the job.</summary>
    public static bool IsUrlOfJob(string? url, string jobPath)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.RelativeOrAbsolute, out var uri))
        {
            return false;
        }

        var path = uri.IsAbsoluteUri ? uri.AbsolutePath : url.Split('?')[0];
        var decoded = path.TrimEnd('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        var expected = Segments(jobPath).SelectMany(s => new[] { "job", s }).ToArray();
        return decoded.Length >= expected.Length && decoded.AsSpan(decoded.Length - expected.Length).SequenceEqual(expected);
    }
}
