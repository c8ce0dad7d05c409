using Longhaul.Balancing.Model;

namespace Longhaul.Config.Import;

/// <summary>
/// Imports the LVS part of a keepalived.conf (virtual_server and real_server blocks, their checkers, quorum and
/// sorry server) as Longhaul YAML, following <c>include</c>. VRRP and global settings are listed, not imported:
/// Longhaul directors run side by side behind ECMP rather than as a VRRP pair.
/// </summary>
public static class KeepalivedImporter
{
    /// <param name="path">The main file; messages and includes use it as given.</param>
    /// <exception cref="ConfigException">The file cannot be read or parsed; every error names file and line.</exception>
    public static ImportResult Import(string path, ImportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var notes = new ImportNotes();
        ImportedDefinition definition = Read(path, notes);
        notes.ThrowIfErrors();
        string header = $"Longhaul director configuration imported from {Path.GetFileName(path)} (keepalived) by 'longhaul import keepalived'.\n" +
            "Lines marked 'import:' need a look; the same items were listed on stderr.";
        return notes.Result(ImportYamlWriter.Write(definition, options ?? ImportOptions.Default, header, notes));
    }

    internal static ImportedDefinition Read(string path, ImportNotes notes)
    {
        List<KeepalivedNode> nodes = KeepalivedParser.Parse(KeepalivedLexer.Read(path, notes), notes);
        var definition = new ImportedDefinition();
        var mapper = new KeepalivedServiceMapper(notes);
        var seen = new Dictionary<ServiceKey, int>();
        foreach (KeepalivedNode node in nodes)
        {
            switch (node.Keyword)
            {
                case "virtual_server":
                    if (mapper.Map(node) is { } service)
                    {
                        var key = new ServiceKey(service.Protocol, service.Vip, service.Port);
                        if (seen.TryAdd(key, node.Line))
                        {
                            definition.Services.Add(service);
                        }
                        else
                        {
                            notes.AddError(node.File, node.Line, "virtual_server", $"{service.Describe()} is already defined at line {seen[key]}");
                        }
                    }

                    break;
                case "virtual_server_group":
                    notes.AddUnmapped(node.File, node.Line, $"virtual_server_group {node.Argument(1)}: virtual server groups are not supported: write one virtual_server per VIP and port");
                    break;
                case "vrrp_instance" or "vrrp_sync_group" or "vrrp_script" or "vrrp_track_process" or "track_file" or "static_ipaddress" or "static_routes" or "static_rules":
                    notes.AddUnmapped(node.File, node.Line, $"{node.Keyword} {node.Argument(1)}: VRRP is not imported: Longhaul directors run side by side behind ECMP (keep keepalived's VRRP alone if a VIP must move between two directors)");
                    break;
                case "global_defs":
                    notes.AddUnmapped(node.File, node.Line, "global_defs: not imported (notification, router id and sync daemon settings have no Longhaul counterpart)");
                    break;
                case var word when word.StartsWith('$') || word.StartsWith('@'):
                    notes.AddUnmapped(node.File, node.Line, $"{node.Text}: keepalived's conditional and substitution syntax is not supported; expand it first");
                    break;
                default:
                    notes.AddUnmapped(node.File, node.Line, $"{node.Text}: unknown top-level keyword");
                    break;
            }
        }

        return definition;
    }
}
