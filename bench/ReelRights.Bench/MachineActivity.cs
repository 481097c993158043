using System.Globalization;

namespace ReelRights.Bench;

/// <summary>
/// What the machine did besides this benchmark between two readings: the whole machine's busy
/// CPU time (Linux /proc/stat, all cores) minus this process's own, as a share of all cores, and
/// the 1-minute load average. A figure measured beside a build or a test run says so this way.
/// </summary>
internal sealed class MachineActivity
{
    private readonly double machineBusySeconds;
    private readonly double machineTotalSeconds;
    private readonly TimeSpan ownCpu;

    private MachineActivity(double busy, double total, TimeSpan own)
    {
        machineBusySeconds = busy;
        machineTotalSeconds = total;
        ownCpu = own;
    }

    public static MachineActivity Now()
    {
        var (busy, total) = ReadProcStat();
        return new MachineActivity(busy, total, Environment.CpuUsage.TotalTime);
    }

    /// <summary>Share of all cores' time used by other processes since <paramref name="start"/> (0–1; NaN when unknown).</summary>
    public static double OthersShareSince(MachineActivity start)
    {
        var end = Now();
        var total = end.machineTotalSeconds - start.machineTotalSeconds;
        if (double.IsNaN(total) || total <= 0)
        {
            return double.NaN;
        }
        var others = end.machineBusySeconds - start.machineBusySeconds - (end.ownCpu - start.ownCpu).TotalSeconds;
        return Math.Clamp(others / total, 0, 1);
    }

    /// <summary>The 1-minute load average, or NaN off Linux.</summary>
    public static double LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    // The first line of /proc/stat: "cpu user nice system idle iowait irq softirq steal …" in
    // clock ticks (USER_HZ, 100 on Linux) summed over all cores.
    private static (double Busy, double Total) ReadProcStat()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Skip(1).Take(8).Select(f => double.Parse(f, CultureInfo.InvariantCulture) / 100).ToArray();
            var idle = fields[3] + fields[4];
            return (fields.Sum() - idle, fields.Sum());
        }
        catch (IOException)
        {
            return (double.NaN, double.NaN);
        }
    }
}
