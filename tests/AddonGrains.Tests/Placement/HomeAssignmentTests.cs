using AddonGrains.Grains.Placement;

namespace AddonGrains.Tests.Placement;

public sealed class HomeAssignmentTests
{
    private static readonly string[] Organizations = [.. Enumerable.Range(1, 200).Select(i => $"org-{i}")];

    private static string[] Silos(int count) => [.. Enumerable.Range(1, count).Select(i => $"S127.0.0.{i}:11111:{100 + i}")];

    private static int[] Loads(IReadOnlyDictionary<string, int> homes, int silos) =>
        [.. Enumerable.Range(0, silos).Select(s => homes.Values.Count(h => h == s))];

    [Theory]
    [InlineData(200, 3)]
    [InlineData(200, 4)]
    [InlineData(7, 3)]
    [InlineData(2, 3)]
    [InlineData(1, 1)]
    public void EverySilo_HasAtMostOneOrganizationAboveAnEvenShare(int organizations, int silos)
    {
        var homes = HomeAssignment.Assign(Organizations.Take(organizations), Silos(silos));

        Assert.Equal(organizations, homes.Count);
        var loads = Loads(homes, silos);
        Assert.Equal(organizations, loads.Sum());
        Assert.InRange(loads.Max() - loads.Min(), 0, 1);
    }

    [Fact]
    public void TheAssignment_DoesNotDependOnTheOrderOfItsInputs()
    {
        var silos = Silos(3);
        var homes = HomeAssignment.Assign(Organizations, silos);
        var reversed = HomeAssignment.Assign(Organizations.Reverse(), [.. silos.Reverse()]);

        Assert.All(Organizations, o => Assert.Equal(silos[homes[o]], silos.Reverse().ElementAt(reversed[o])));
    }

    [Fact]
    public void ASiloJoining_TakesItsShare_AndMostOrganizationsStayWhereTheyAre()
    {
        var three = Silos(3);
        var four = Silos(4);
        var before = HomeAssignment.Assign(Organizations, three);
        var after = HomeAssignment.Assign(Organizations, four);

        Assert.Equal(50, Loads(after, 4)[3]);
        var moved = Organizations.Count(o => four[after[o]] != three[before[o]]);
        // The joining silo's 50, and a few that a bounded silo passed on: far from reshuffling all 200.
        Assert.InRange(moved, 50, 75);
    }

    [Fact]
    public void ASiloLeaving_MovesItsOrganizations_AndFewOthers()
    {
        var three = Silos(3);
        var two = three[..2];
        var before = HomeAssignment.Assign(Organizations, three);
        var after = HomeAssignment.Assign(Organizations, two);

        var orphans = Organizations.Count(o => before[o] == 2);
        var moved = Organizations.Count(o => two[after[o]] != three[before[o]]);
        Assert.InRange(moved, orphans, orphans + 25);
        Assert.Equal([100, 100], Loads(after, 2));
    }

    [Fact]
    public void WithoutSilos_NoOrganizationHasAHome() =>
        Assert.Empty(HomeAssignment.Assign(Organizations, []));

    [Theory]
    [InlineData("fleet-int", "fleet-int")]
    [InlineData("fleet-int/acm", "fleet-int")]
    [InlineData("fleet-int/integration/2b0c0000", "fleet-int")]
    public void AGrainsOrganization_IsItsKeyUpToTheFirstSlash(string key, string organization) =>
        Assert.Equal(organization, OrganizationHomes.OrganizationOf(key));
}
