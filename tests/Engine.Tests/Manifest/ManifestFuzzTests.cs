using System.Text;
using MultiCloud.Engine.Manifest;
using MultiCloud.Engine.Planning;
using Xunit;

namespace MultiCloud.Engine.Tests.Manifest
{
    /// <summary>
    /// Mutations of the shipped examples and the Claudie inputs, read, validated, planned and exported in-process.
    /// Seeded and bounded: MC_FUZZ_SEED and MC_FUZZ_CASES change the run (a failure names both, and the case, so
    /// it can be replayed). Each case gets a cancellation token with a generous bound; the engine checks it while
    /// reading and planning, so a hang ends in OperationCanceledException and fails the case instead of the run.
    /// </summary>
    public sealed class ManifestFuzzTests
    {
        private const int DefaultSeed = 20261202;
        private const int DefaultCases = 1500;
        private static readonly TimeSpan CaseBound = TimeSpan.FromSeconds(20);

        private static readonly string[] HostileValues =
        {
            "-oProxyCommand=touch /tmp/x", "$(id)", "\"a\\nb\"", "\"fe80::1%$HOME\"", "0x7f.0.0.1", "v1.3١.4", "\"v1.31.4\\n\"", "10000000",
            "!!str 2222", "&a [*a]", "*undefined", "[[[[[[[[[[]]]]]]]]]]", "{", "}", "[", "\"\\e]0;owned\\a\"", "\"\\e[2J\"", "~", "null", "",
            "[]", "{}", "-1", "2147483648", "99999999999999999999", "1e9", ".inf", "true", "'", "\"", "|", ">", "? x", "&x x", "*x",
            "\"\\0\"", "😀", "١٢٣", "\"a\\tb\"", "'it''s'", "! x", "!custom x", "[a, *b]", "{a: 1, a: 2}", "\"\\u202e\"", "fe80::1%eth0",
            "2001:db8::1", "192.0.2.1", "010.0.0.1", "10.0.0.0/8", "0.0.0.0/0", "v1.28.0", "v1.99.0", "5000", "5001", "65536", "0",
            "example.com/gpu", "Example.com/x", "a/b/c", "NoSchedule", "Bad", "env: 'A B'", "{ env: A_B }", "{ file: /dev/zero }", "root", "a b",
        };

        private static readonly string[] HostileLines =
        {
            "? &k [*k]\n: v", "a: " + new string('[', 40) + new string(']', 40), "%YAML 1.2", "---", "...", "x: !!binary aGk=", "<<: *a",
            "- [", "  extra: 1", "\tkey: tab", "labels: { \"$(reboot)\": x }", "annotations: { note: \"\\0\" }", "taints: [{ key: \"\", effect: X }]",
        };

        private static readonly char[] NoiseCharacters =
        {
            ' ', '\t', '\n', ':', '-', '[', ']', '{', '}', ',', '"', '\'', '&', '*', '!', '%', '@', '`', '#', '|', '>', '?', '\\', '0', '9',
            'a', 'Z', '\u0000', '\u001b', '\u0085', '\u00a0', '\u0661', '\u202e', '\ufeff',
        };

        public static IEnumerable<(string Name, string Text)> Inputs()
        {
            foreach (var name in ExampleManifests.Names) yield return ("example:" + name, ExampleManifests.Get(name));
            yield return ("base.yaml", File.ReadAllText(ManifestFixture.TestDataPath("base.yaml")));
            var claudie = Path.Combine(AppContext.BaseDirectory, "testdata", "claudie");
            foreach (var file in Directory.GetFiles(claudie, "*.yaml").Where(f => !f.EndsWith(".native.yaml", StringComparison.Ordinal)).OrderBy(f => f, StringComparer.Ordinal))
                yield return (Path.GetFileName(file), File.ReadAllText(file));
        }

        [Fact]
        public void ReadPlanExport_MutatedManifests_FailOnlyWithLocatedDiagnosticsOrMultiCloudExceptions()
        {
            var seed = Setting("MC_FUZZ_SEED", DefaultSeed);
            var count = Setting("MC_FUZZ_CASES", DefaultCases);
            var inputs = Inputs().ToList();
            var random = new Random(seed);
            var failures = new List<string>();
            var valid = 0;

            for (var i = 0; i < count && failures.Count < 10; i++)
            {
                var (name, original) = inputs[random.Next(inputs.Count)];
                var mutated = Mutate(original, random);
                var where = $"case {i} of seed {seed} (from {name})";
                using var bound = new CancellationTokenSource(CaseBound);
                try
                {
                    if (RunCase(name, mutated, bound.Token, failures, where)) valid++;
                }
                catch (OperationCanceledException)
                {
                    failures.Add($"{where}: not done within its bound of {CaseBound.TotalSeconds} s\n{Shown(mutated)}");
                }
                catch (Exception e) when (e is not MultiCloudException)
                {
                    failures.Add($"{where}: {e.GetType().Name}: {e.Message}\n{Shown(mutated)}\n{e.StackTrace}");
                }
            }

            Assert.True(failures.Count == 0, string.Join("\n\n", failures));
            // A fuzzer whose mutations always break the file only ever tests the reader's error paths.
            Assert.True(valid > count / 50, $"only {valid} of {count} mutated manifests were valid, so planning and export were hardly reached");
        }

        /// <summary>Reads the text; for every valid cluster, plans it and reads its export back. True when the text was valid.</summary>
        private static bool RunCase(string name, string text, CancellationToken cancellationToken, List<string> failures, string where)
        {
            ManifestLoadResult result;
            try
            {
                result = ManifestReader.Parse(text, name, cancellationToken);
            }
            catch (MultiCloudException e)
            {
                failures.Add($"{where}: reading threw {e.ErrorId} instead of reporting diagnostics: {e.Message}\n{Shown(text)}");
                return false;
            }

            foreach (var diagnostic in result.Diagnostics)
            {
                var shown = diagnostic.ToString();
                var located = diagnostic.Location.File == name && diagnostic.Location.Line >= 1 && diagnostic.Location.Column >= 1
                    && diagnostic.FieldPath.Length > 0 && diagnostic.Problem.Length > 0;
                if (!located) failures.Add($"{where}: diagnostic not located: {shown}\n{Shown(text)}");
                if (DisplayText.HasControlCharacters(shown)) failures.Add($"{where}: diagnostic holds raw control characters: {shown}");
            }
            if (!result.IsValid) return false;

            foreach (var cluster in result.Clusters)
            {
                try
                {
                    Planner.Create(cluster, null, PlanOptions.Default, null, cancellationToken);
                }
                catch (MultiCloudException)
                {
                    // A plan may refuse a valid spec (a compute pool whose control pools have no node); it must say so this way.
                }
            }

            var export = ManifestWriter.ToYaml(result.Clusters);
            var reread = ManifestReader.Parse(export, "export.yaml", cancellationToken);
            if (!reread.IsValid)
                failures.Add($"{where}: the export of a valid manifest does not read back:\n  {string.Join("\n  ", reread.Diagnostics)}\n{Shown(text)}");
            return true;
        }

        private static string Mutate(string text, Random random)
        {
            var mutations = 1 + random.Next(3);
            for (var m = 0; m < mutations; m++)
            {
                var lines = text.Split('\n').ToList();
                var at = random.Next(lines.Count);
                switch (random.Next(9))
                {
                    case 0:
                    case 1:
                    case 2:
                        lines[at] = ReplaceValue(lines[at], HostileValues[random.Next(HostileValues.Length)]);
                        break;
                    case 3:
                        lines.Insert(at, Indentation(lines[at]) + HostileLines[random.Next(HostileLines.Length)]);
                        break;
                    case 4:
                        lines.RemoveAt(at);
                        break;
                    case 5:
                        lines.Insert(at, lines[random.Next(lines.Count)]);
                        break;
                    case 6:
                        var other = random.Next(lines.Count);
                        (lines[at], lines[other]) = (lines[other], lines[at]);
                        break;
                    case 7:
                        lines[at] = random.Next(2) == 0 ? "  " + lines[at] : lines[at].TrimStart();
                        break;
                    default:
                        lines[at] = Noise(lines[at], random);
                        break;
                }
                text = string.Join("\n", lines);
            }
            return random.Next(40) == 0 ? text.Substring(0, random.Next(text.Length + 1)) : text;
        }

        private static string ReplaceValue(string line, string value)
        {
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon >= 0) return line.Substring(0, colon + 2) + value;
            var dash = line.IndexOf("- ", StringComparison.Ordinal);
            return dash >= 0 ? line.Substring(0, dash + 2) + value : line + value;
        }

        private static string Noise(string line, Random random)
        {
            var text = new StringBuilder(line);
            var position = random.Next(text.Length + 1);
            var noise = NoiseCharacters[random.Next(NoiseCharacters.Length)];
            if (text.Length > 0 && random.Next(3) == 0) text.Remove(Math.Min(position, text.Length - 1), 1);
            else text.Insert(position, noise);
            return text.ToString();
        }

        private static string Indentation(string line) => line.Substring(0, line.Length - line.TrimStart(' ').Length);

        private static string Shown(string text) => "--- manifest ---\n" + DisplayText.Escape(text, keepLineBreaks: true) + "\n---";

        private static int Setting(string name, int fallback) =>
            int.TryParse(Environment.GetEnvironmentVariable(name), out var value) ? value : fallback;
    }
}
