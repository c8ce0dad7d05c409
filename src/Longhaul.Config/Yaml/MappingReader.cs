using System.Globalization;
using Longhaul.Packets;
using YamlDotNet.RepresentationModel;

namespace Longhaul.Config.Yaml;

/// <summary>
/// Reads one YAML mapping of the configuration: typed values by key, each check reported with the file line
/// and the key path (<c>services[0].reals[2].weight</c>). Every key read is remembered, and
/// <see cref="Finish"/> reports the keys nobody asked for, so a misspelt key is an error rather than a
/// silently ignored setting. A section grows by asking for one more key; nothing else has to change.
/// </summary>
internal sealed class MappingReader
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly ConfigErrors _errors;
    private readonly int _ownerLine;

    private MappingReader(YamlMappingNode node, string path, int ownerLine, ConfigErrors errors)
    {
        Node = node;
        Path = path;
        _ownerLine = ownerLine;
        _errors = errors;
        foreach (KeyValuePair<YamlNode, YamlNode> entry in node.Children)
        {
            if (entry.Key is not YamlScalarNode { Value: { } name } key)
            {
                errors.Add(YamlNodes.Line(entry.Key), path, "keys must be plain names");
                continue;
            }

            // YamlDotNet refuses repeated plain keys itself; this catches the same name written two ways ("a" and a).
            if (!_entries.TryAdd(name, (key, entry.Value)))
            {
                errors.Add(YamlNodes.Line(key), Join(name), $"duplicate key (first at line {YamlNodes.Line(_entries[name].Key)})");
            }
        }
    }

    public YamlMappingNode Node { get; }

    /// <summary>The key path of this mapping; empty for the document root.</summary>
    public string Path { get; }

    /// <summary>Where this mapping is introduced: its key's line, or for a list item the item's first line.</summary>
    public int Line => _ownerLine;

    public ConfigErrors Errors => _errors;

    /// <summary>A reader over <paramref name="node"/>, or null (with an error) when it is not a mapping.</summary>
    /// <param name="ownerLine">Line of the key or list item that holds the mapping: where a missing key is reported.</param>
    public static MappingReader? Over(YamlNode node, string path, ConfigErrors errors, int ownerLine = 0)
    {
        if (node is YamlMappingNode mapping)
        {
            return new MappingReader(mapping, path, ownerLine > 0 ? ownerLine : YamlNodes.Line(node), errors);
        }

        errors.Add(YamlNodes.Line(node), path, $"expected a mapping of keys, found {YamlNodes.Describe(node)}");
        return null;
    }

    public bool Has(string key) => _entries.TryGetValue(key, out var entry) && !YamlNodes.IsNull(entry.Value);

    /// <summary>The path of <paramref name="key"/> in this mapping, for messages.</summary>
    public string Join(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>Reports an error about <paramref name="key"/> at its value's line (or the mapping's when absent).</summary>
    public void Error(string key, string message)
    {
        int line = _entries.TryGetValue(key, out var entry) ? YamlNodes.Line(entry.Value) : Line;
        _errors.Add(line, Join(key), message);
    }

    public string? String(string key, bool required = false)
    {
        YamlScalarNode? scalar = Scalar(key, required);
        return scalar?.Value;
    }

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>]; digits may be grouped with '_'.</summary>
    public long? Integer(string key, long min, long max, bool required = false)
    {
        YamlScalarNode? scalar = Scalar(key, required);
        if (scalar?.Value is not { } text)
        {
            return null;
        }

        if (!long.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            Error(key, $"'{text}' is not a whole number");
            return null;
        }

        if (value < min || value > max)
        {
            Error(key, $"{text} is out of range {min}..{max}");
            return null;
        }

        return value;
    }

    /// <summary>A number (fractions allowed, e.g. seconds or a ratio) in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public double? Number(string key, double min, double max, bool required = false)
    {
        YamlScalarNode? scalar = Scalar(key, required);
        if (scalar?.Value is not { } text)
        {
            return null;
        }

        if (!double.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value)
            || !double.IsFinite(value))
        {
            Error(key, $"'{text}' is not a number");
            return null;
        }

        if (value < min || value > max)
        {
            Error(key, string.Create(CultureInfo.InvariantCulture, $"{text} is out of range {min}..{max}"));
            return null;
        }

        return value;
    }

    /// <summary>A list of single values (<c>[a, b]</c> or one item per line); null when absent.</summary>
    public IReadOnlyList<(string Value, int Line)>? StringList(string key)
    {
        YamlNode? node = Value(key, required: false);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(key, $"expected a list, found {YamlNodes.Describe(node)}");
            return null;
        }

        var items = new List<(string, int)>(sequence.Children.Count);
        foreach (YamlNode item in sequence.Children)
        {
            if (item is YamlScalarNode { Value: { } text })
            {
                items.Add((text, YamlNodes.Line(item)));
            }
            else
            {
                _errors.Add(YamlNodes.Line(item), Join(key), $"expected a single value, found {YamlNodes.Describe(item)}");
            }
        }

        return items;
    }

    /// <summary>Reports an error about <paramref name="key"/> at a given line (a list item's, for instance).</summary>
    public void ErrorAt(int line, string key, string message) => _errors.Add(line, Join(key), message);

    public ulong? UnsignedInteger(string key, bool required = false)
    {
        YamlScalarNode? scalar = Scalar(key, required);
        if (scalar?.Value is not { } text)
        {
            return null;
        }

        string digits = text.Replace("_", string.Empty, StringComparison.Ordinal);
        bool hex = digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        bool ok = hex
            ? ulong.TryParse(digits.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong value)
            : ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (!ok)
        {
            Error(key, $"'{text}' is not a whole number from 0 to {ulong.MaxValue}");
            return null;
        }

        return value;
    }

    /// <summary>An IP address, of one family when <paramref name="ipv4"/> says which.</summary>
    public NetAddress? Address(string key, bool required = false, bool? ipv4 = null)
    {
        YamlScalarNode? scalar = Scalar(key, required);
        if (scalar?.Value is not { } text)
        {
            return null;
        }

        // IPAddress.TryParse also takes "10" or "10.1" (inet_aton forms) and scope ids; a config wants the
        // canonical dotted quad or a colon form, so anything else is refused as malformed.
        bool looksV4 = text.Count(c => c == '.') == 3 && !text.Contains(':', StringComparison.Ordinal);
        bool looksV6 = text.Contains(':', StringComparison.Ordinal) && !text.Contains('%', StringComparison.Ordinal);
        if ((!looksV4 && !looksV6) || !NetAddress.TryParse(text, out NetAddress address))
        {
            Error(key, $"'{text}' is not an IPv4 or IPv6 address");
            return null;
        }

        if (ipv4 is { } wantV4 && address.IsIPv4 != wantV4)
        {
            Error(key, $"{text} must be an {(wantV4 ? "IPv4" : "IPv6")} address");
            return null;
        }

        return address;
    }

    /// <summary>One of <paramref name="choices"/> (case-insensitive), returned as written in the list.</summary>
    public string? Choice(string key, IReadOnlyList<string> choices, bool required = false)
    {
        string? text = String(key, required);
        if (text is null)
        {
            return null;
        }

        foreach (string choice in choices)
        {
            if (string.Equals(choice, text, StringComparison.OrdinalIgnoreCase))
            {
                return choice;
            }
        }

        Error(key, $"'{text}' is not one of {string.Join(", ", choices)}");
        return null;
    }

    public MappingReader? Mapping(string key, bool required = false)
    {
        YamlNode? node = Value(key, required);
        return node is null ? null : Over(node, Join(key), _errors, YamlNodes.Line(_entries[key].Key));
    }

    /// <summary>The items of a list, each with its path (<c>services[1]</c>); empty when absent or not a list.</summary>
    public IReadOnlyList<(YamlNode Node, string Path)> Sequence(string key, bool required = false)
    {
        YamlNode? node = Value(key, required);
        if (node is null)
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(key, $"expected a list, found {YamlNodes.Describe(node)}");
            return [];
        }

        var items = new List<(YamlNode, string)>(sequence.Children.Count);
        for (int i = 0; i < sequence.Children.Count; i++)
        {
            items.Add((sequence.Children[i], $"{Join(key)}[{i}]"));
        }

        return items;
    }

    /// <summary>Reports every key that no reader asked for.</summary>
    public void Finish()
    {
        foreach ((string name, (YamlScalarNode key, _)) in _entries)
        {
            if (!_read.Contains(name))
            {
                string known = string.Join(", ", _read.Order(StringComparer.Ordinal));
                _errors.Add(YamlNodes.Line(key), Join(name), known.Length > 0 ? $"unknown key (known here: {known})" : "unknown key");
            }
        }
    }

    private YamlNode? Value(string key, bool required)
    {
        _read.Add(key);
        if (!_entries.TryGetValue(key, out var entry) || YamlNodes.IsNull(entry.Value))
        {
            if (required)
            {
                _errors.Add(entry.Key is null ? Line : YamlNodes.Line(entry.Key), Join(key), "is required");
            }

            return null;
        }

        return entry.Value;
    }

    private YamlScalarNode? Scalar(string key, bool required)
    {
        YamlNode? node = Value(key, required);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            return scalar;
        }

        Error(key, $"expected a single value, found {YamlNodes.Describe(node)}");
        return null;
    }
}
