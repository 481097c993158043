using System.Diagnostics;

namespace ReelRights.Testing;

/// <summary>
/// Every wait in a test goes through here: it polls until a condition holds or a deadline
/// passes, and then fails with what it waited for and what it saw last, so a slow or stuck
/// run ends with a message instead of hanging the suite.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/> holds; returns the last value.</summary>
    /// <param name="what">What is awaited, in words (it names the failure).</param>
    /// <param name="limit">The deadline.</param>
    /// <param name="probe">Reads the current state.</param>
    /// <param name="done">Whether the state is the one awaited.</param>
    /// <param name="describe">How the last state is shown when the deadline passes (default: ToString).</param>
    public static async Task<T> UntilAsync<T>(string what, TimeSpan limit, Func<Task<T>> probe, Func<T, bool> done,
        Func<T, string>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }
            if (watch.Elapsed > limit)
            {
                throw new TimeoutException($"waited {limit.TotalSeconds:0} s for {what}; last seen: {(describe ?? (v => v?.ToString() ?? "null"))(value)}");
            }
            await Task.Delay(DefaultInterval);
        }
    }

    /// <summary>Waits for <paramref name="condition"/> (a cheap in-memory check) with a deadline.</summary>
    public static Task UntilAsync(string what, TimeSpan limit, Func<bool> condition, Func<string>? lastSeen = null) =>
        UntilAsync(what, limit, () => Task.FromResult(condition()), ok => ok, _ => lastSeen?.Invoke() ?? "not yet");
}
