namespace ReelRights.Media.Tests.Support;

/// <summary>Looks at Linux /proc to prove a killed tool is really gone.</summary>
internal static class ProcessTable
{
    /// <summary>True when the process exists and is not a zombie (a zombie has already died).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Format "pid (comm) state …"; comm may hold spaces, so read after the last ')'.
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// Waits until the process is gone. SIGKILL is delivered at once but the process takes a moment
    /// to die, so a check straight after Kill() would race; a few seconds is ample.
    /// </summary>
    public static async Task<bool> WaitUntilGoneAsync(int pid)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (IsAlive(pid))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    /// <summary>Ids of live processes one of whose arguments contains <paramref name="marker"/>.</summary>
    public static IReadOnlyList<int> AliveWithArgumentContaining(string marker)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var arguments = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0');
                if (arguments.Any(a => a.Contains(marker, StringComparison.Ordinal)) && IsAlive(pid))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException)
            {
                // The process ended while being looked at.
            }
        }

        return found;
    }
}
