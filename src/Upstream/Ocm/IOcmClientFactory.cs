namespace AddonGrains.Upstream.Ocm;

/// <summary>One <see cref="IOcmClient"/> per configured OCM environment (by its configured name).</summary>
public interface IOcmClientFactory
{
    /// <summary>Returns the (cached) client for the named OCM environment; throws <see cref="KeyNotFoundException"/> for an unknown name.</summary>
    IOcmClient Create(string ocmName);
}
