using AddonGrains.Upstream.Ocm;
using Microsoft.Extensions.Time.Testing;

namespace AddonGrains.Upstream.Tests.Ocm;

/// <summary>The OCM client keeps one Refit client per handler lifetime instead of one per request.</summary>
public sealed class RenewedTests
{
    [Fact]
    public void Get_WithinTheLifetime_ReturnsTheSameValue_AndAfterIt_MakesANewOne()
    {
        var clock = new FakeTimeProvider();
        var made = 0;
        var renewed = new Renewed<object>(() => { made++; return new object(); }, TimeSpan.FromMinutes(2), clock);

        var first = renewed.Get();
        clock.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromTicks(1));
        Assert.Same(first, renewed.Get());
        Assert.Equal(1, made);

        clock.Advance(TimeSpan.FromTicks(1));
        var second = renewed.Get();
        Assert.NotSame(first, second);
        Assert.Equal(2, made);
        Assert.Same(second, renewed.Get());
    }
}
