using System.Reflection;

namespace Longhaul.Lab.Processes;

/// <summary>
/// How to start the `longhaul` binary: its apphost, or `dotnet longhaul.dll` when that is how we run.
/// The lab starts the director, the agents and the HTTP services as this same binary.
/// </summary>
public sealed record LonghaulExecutable(string Program, IReadOnlyList<string> PrefixArguments)
{
    public const string AssemblyName = "longhaul";

    /// <summary>The running `longhaul` process itself (the CLI).</summary>
    public static LonghaulExecutable FromCurrentProcess()
    {
        string process = Environment.ProcessPath ?? throw new LabException("cannot tell where the running longhaul binary is");
        if (Path.GetFileNameWithoutExtension(process) == "dotnet")
        {
            string dll = Assembly.GetEntryAssembly()?.Location is { Length: > 0 } location
                ? location
                : Path.Combine(AppContext.BaseDirectory, AssemblyName + ".dll");
            return new LonghaulExecutable(process, [dll]);
        }

        return new LonghaulExecutable(process, []);
    }

    /// <summary>longhaul next to the given directory's files (tests reference the exe project, so it lands beside them).</summary>
    public static LonghaulExecutable FromDirectory(string directory)
    {
        string dll = Path.Combine(directory, AssemblyName + ".dll");
        if (!File.Exists(dll))
        {
            throw new LabException($"no {AssemblyName}.dll in {directory}: build src/Longhaul first");
        }

        string dotnet = Environment.ProcessPath is { } current && Path.GetFileNameWithoutExtension(current) == "dotnet"
            ? current
            : FindDotnet();
        return new LonghaulExecutable(dotnet, [dll]);
    }

    /// <summary>The full argument list for `longhaul ARGS...`.</summary>
    public IReadOnlyList<string> CommandLine(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var all = new List<string>(PrefixArguments.Count + arguments.Count + 1) { Program };
        all.AddRange(PrefixArguments);
        all.AddRange(arguments);
        return all;
    }

    private static string FindDotnet()
    {
        string? root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        string[] candidates = [root is null ? "" : Path.Combine(root, "dotnet"), "/usr/share/dotnet/dotnet", "/usr/lib/dotnet/dotnet", "/usr/local/share/dotnet/dotnet", "/usr/bin/dotnet"];
        return Array.Find(candidates, c => c.Length > 0 && File.Exists(c)) ?? "dotnet";
    }
}
