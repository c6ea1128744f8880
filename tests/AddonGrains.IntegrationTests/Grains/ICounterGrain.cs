namespace AddonGrains.IntegrationTests.Grains;

/// <summary>A grain with durable state in the "rollouts" storage.</summary>
[Alias("it-counter")]
public interface ICounterGrain : IGrainWithStringKey
{
    [Alias("add")] Task<int> AddAsync(int delta);
    [Alias("get")] Task<int> GetAsync();
    [Alias("deactivate")] Task DeactivateAsync();
}
