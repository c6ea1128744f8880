namespace AddonGrains.Upstream.Jenkins;

/// <summary>One <see cref="IJenkinsClient"/> per configured Jenkins instance (by its configured name).</summary>
public interface IJenkinsClientFactory
{
    /// <summary>Returns the (cached) client for the named instance; throws <see cref="KeyNotFoundException"/> for an unknown name.</summary>
    IJenkinsClient Create(string instanceName);
}
