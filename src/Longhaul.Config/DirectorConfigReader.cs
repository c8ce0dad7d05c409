using Longhaul.Balancing.Forwarding;
using Longhaul.Balancing.Model;
using Longhaul.Config.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Longhaul.Config;

/// <summary>
/// YAML text to <see cref="DirectorConfig"/>: parses with YamlDotNet's representation model (which keeps line
/// numbers), reads each section with its own reader, collects every error, and builds nothing unless the
/// whole file is valid. New top-level sections (admin, metrics, health checks) are one more reader here.
/// </summary>
internal static class DirectorConfigReader
{
    public static DirectorConfig Read(string text, string source)
    {
        var errors = new ConfigErrors(source);
        YamlNode? root = ParseDocument(text, errors);
        errors.ThrowIfAny();
        if (root is null)
        {
            errors.Add(1, string.Empty, "the file is empty; it needs a director: section and a services: list");
            errors.ThrowIfAny();
        }

        MappingReader? top = MappingReader.Over(root!, string.Empty, errors);
        if (top is null)
        {
            errors.ThrowIfAny();
        }

        MappingReader? directorSection = top!.Mapping("director", required: true);
        DirectorSection? director = directorSection is null ? null : DirectorSection.Read(directorSection);
        (IReadOnlyList<ServiceDefinition> services, IReadOnlyDictionary<ServiceKey, ServiceSettings> serviceSettings) = ServicesSection.Read(top, director);
        AnnounceSettings? announce = top.Mapping("announce") is { } announceSection ? AnnounceSection.Read(announceSection) : null;
        top.Finish();
        errors.ThrowIfAny();

        var definition = new BalancerDefinition(director!.Tunnel, services, director.HashSeed);

        // The compiler's own checks back ours up (limits such as the number of reals); its messages name no
        // line, so they are reported against the file.
        foreach (string problem in SnapshotCompiler.Validate(definition))
        {
            errors.Add(0, string.Empty, problem);
        }

        errors.ThrowIfAny();
        DirectorSettings settings = announce is null ? director.Settings : director.Settings with { Announce = announce };
        return new DirectorConfig(settings, definition, source) { ServiceSettings = serviceSettings };
    }

    private static YamlNode? ParseDocument(string text, ConfigErrors errors)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            // YamlDotNet's messages start with "(Line: 3, Col: 5, Idx: 40) - (...): "; the line is ours to say.
            string message = e.InnerException is YamlException inner ? inner.Message : e.Message;
            int cut = message.IndexOf("): ", StringComparison.Ordinal);
            errors.Add((int)e.Start.Line, string.Empty, $"invalid YAML: {(cut >= 0 ? message[(cut + 3)..] : message)}");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            errors.Add(YamlNodes.Line(stream.Documents[1].RootNode), string.Empty, "only one YAML document is allowed");
        }

        return stream.Documents.Count == 0 || YamlNodes.IsNull(stream.Documents[0].RootNode) ? null : stream.Documents[0].RootNode;
    }
}
