namespace AddonGrains.Silo.Hosting;

/// <summary>
/// Whether the silo runs in a Kubernetes pod: <c>POD_NAME</c> and <c>POD_NAMESPACE</c> (downward API) and
/// <c>KUBERNETES_SERVICE_HOST</c> (set by Kubernetes in every pod) all set. Only then is Kubernetes hosting on.
/// </summary>
internal static class KubernetesDetection
{
    public const string PodName = "POD_NAME";
    public const string PodNamespace = "POD_NAMESPACE";
    public const string ServiceHost = "KUBERNETES_SERVICE_HOST";

    public static bool InPod(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return new[] { PodName, PodNamespace, ServiceHost }.All(name => !string.IsNullOrWhiteSpace(variable(name)));
    }
}
