using AddonGrains.Persistence;

namespace AddonGrains.IntegrationTests.Grains;

internal sealed class CounterGrain(
    [PersistentState("counter", AddonGrainsPostgresExtensions.DefaultStorageName)] IPersistentState<CounterState> state)
    : Grain, ICounterGrain
{
    public async Task<int> AddAsync(int delta)
    {
        state.State.Value += delta;
        state.State.Label = $"value {state.State.Value}";
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Value);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
