using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Longhaul.Packets.Tests")]
[assembly: InternalsVisibleTo("Longhaul.Benchmarks")]
