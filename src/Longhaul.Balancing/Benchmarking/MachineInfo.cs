using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Longhaul.Balancing.Forwarding;
using Longhaul.Hashing;
using Longhaul.Packets;

namespace Longhaul.Balancing.Benchmarking;

/// <summary>What a figure was measured on: printed with every <c>longhaul bench</c> report.</summary>
/// <param name="LoadAverage">/proc/loadavg's 1, 5 and 15 minute averages when the run started (other work skews figures).</param>
/// <param name="Optimized">False when any forwarding assembly was built without JIT optimisation (a Debug build).</param>
public sealed record MachineInfo(
    string CpuModel,
    int LogicalCores,
    string Runtime,
    string OperatingSystem,
    string Vectors,
    string LoadAverage,
    bool Optimized)
{
    public static MachineInfo Current()
    {
        return new MachineInfo(
            ReadCpuModel(),
            Environment.ProcessorCount,
            RuntimeInformation.FrameworkDescription,
            RuntimeInformation.OSDescription,
            VectorSupport(),
            ReadLoadAverage(),
            ForwardingAssemblies().All(IsJitOptimized));
    }

    /// <summary>The assemblies whose code the workloads time.</summary>
    public static IEnumerable<Assembly> ForwardingAssemblies() =>
    [
        typeof(PacketParser).Assembly,
        typeof(SeededHash).Assembly,
        typeof(ForwardingWorker).Assembly,
    ];

    /// <summary>False for an assembly compiled with the JIT optimiser disabled, which is what Debug builds ask for.</summary>
    public static bool IsJitOptimized(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        DebuggableAttribute? debuggable = assembly.GetCustomAttribute<DebuggableAttribute>();
        return debuggable is null || !debuggable.IsJITOptimizerDisabled;
    }

    private static string ReadCpuModel()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal))
                {
                    int colon = line.IndexOf(':', StringComparison.Ordinal);
                    return colon < 0 ? line : line[(colon + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string ReadLoadAverage()
    {
        try
        {
            string[] parts = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length >= 3 ? $"{parts[0]} {parts[1]} {parts[2]}" : "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    private static string VectorSupport()
    {
        if (Vector512.IsHardwareAccelerated)
        {
            return "Vector128/256/512";
        }

        return Vector256.IsHardwareAccelerated ? "Vector128/256" : Vector128.IsHardwareAccelerated ? "Vector128" : "none";
    }
}
