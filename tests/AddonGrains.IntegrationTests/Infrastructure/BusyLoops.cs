using System.Diagnostics;

namespace AddonGrains.IntegrationTests.Infrastructure;

/// <summary>
/// CPU hogs (<c>sh -c 'while :; do :; done'</c>) that a test starts beside itself so that timing cannot hide a stuck
/// state machine. Disposing kills exactly the processes it started, by their id.
/// </summary>
internal sealed class BusyLoops : IDisposable
{
    private readonly List<Process> _loops = [];

    private BusyLoops(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var info = new ProcessStartInfo("sh") { UseShellExecute = false };
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add("while :; do :; done");
            _loops.Add(Process.Start(info) ?? throw new InvalidOperationException("could not start a busy loop"));
        }
    }

    public static BusyLoops Start(int count = 2) => new(count);

    /// <summary>True while every loop still runs (a test can check the load was really there).</summary>
    public bool Running => _loops.All(p => !p.HasExited);

    public void Dispose()
    {
        foreach (var loop in _loops)
        {
            if (!loop.HasExited)
            {
                loop.Kill();
                loop.WaitForExit(TimeSpan.FromSeconds(10));
            }

            loop.Dispose();
        }
    }
}
