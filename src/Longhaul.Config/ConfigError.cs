namespace Longhaul.Config;

/// <summary>
/// One problem in a configuration file, located so an operator can go straight to it:
/// <c>dir.yaml:14: services[0].reals[2].weight: 70000 is out of range 0..65535</c>.
/// </summary>
/// <param name="File">The file as the operator named it.</param>
/// <param name="Line">1-based line, or 0 when the problem belongs to the file as a whole.</param>
/// <param name="Key">The key path (<c>services[0].vip</c>), or empty for a syntax error.</param>
public sealed record ConfigError(string File, int Line, string Key, string Message)
{
    public override string ToString()
    {
        string where = Line > 0 ? $"{File}:{Line}" : File;
        return Key.Length > 0 ? $"{where}: {Key}: {Message}" : $"{where}: {Message}";
    }
}
