namespace AddonGrains.Upstream.Jenkins;

/// <summary>How the trigger pipeline treats a failed Jenkins call (docs/decisions.md, "Delivery").</summary>
public enum JenkinsFailureKind
{
    /// <summary>5xx, 429, timeout, connection error: retry with backoff.</summary>
    Transient,
    /// <summary>401/403: retried with backoff, but shown as an authentication/permission error.</summary>
    Auth,
    /// <summary>400/404/409 (and a job that cannot take the request): fail at once as DeliveryFailed.</summary>
    Permanent,
}
