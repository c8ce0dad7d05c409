using YamlDotNet.RepresentationModel;

namespace Longhaul.Config.Yaml;

/// <summary>Small facts about representation-model nodes that the readers share.</summary>
internal static class YamlNodes
{
    /// <summary>1-based line of a node, as editors number them.</summary>
    public static int Line(YamlNode node) => (int)node.Start.Line;

    /// <summary>
    /// A plain <c>~</c>, <c>null</c> or empty value means "not set" (YAML's null); a quoted empty string is a
    /// value.
    /// </summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode scalar
        && scalar.Style is YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any
        && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        _ => "an alias",
    };
}
