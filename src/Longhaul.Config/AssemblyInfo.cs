using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Longhaul.Config.Tests")]
