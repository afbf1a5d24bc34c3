using MultiCloud.Engine.Manifest;
using Xunit;

namespace MultiCloud.Engine.Tests.Manifest
{
    /// <summary>Test manifests: the valid base file and small edits of it, each meant to break exactly one rule.</summary>
    internal static class ManifestFixture
    {
        public const string FileName = "cluster.yaml";

        public static string TestDataPath(string name) => Path.Combine(AppContext.BaseDirectory, "testdata", "manifests", name);

        public static string Base => File.ReadAllText(TestDataPath("base.yaml"));

        /// <summary>The base manifest with each (find, replace) edit applied; every find must occur exactly once.</summary>
        public static string Edit(params (string Find, string Replace)[] edits)
        {
            var text = Base;
            foreach (var (find, replace) in edits)
            {
                var first = text.IndexOf(find, StringComparison.Ordinal);
                Assert.True(first >= 0, "edit target not found: " + find);
                Assert.True(text.IndexOf(find, first + 1, StringComparison.Ordinal) < 0, "edit target is not unique: " + find);
                text = text.Substring(0, first) + replace + text.Substring(first + find.Length);
            }
            return text;
        }

        public static ManifestLoadResult Parse(string text) => ManifestReader.Parse(text, FileName);

        public static ManifestDiagnostic At(int line, int column, string path, string problem, string allowed) =>
            new ManifestDiagnostic(new SourceLocation(FileName, line, column), path, problem, allowed);

        /// <summary>Asserts the result holds exactly this one diagnostic, listing all of them when it does not.</summary>
        public static void AssertOnly(ManifestDiagnostic expected, ManifestLoadResult result) =>
            Assert.True(result.Diagnostics.Count == 1 && result.Diagnostics[0] == expected,
                "expected only:\n  " + expected + "\nactual:\n  " + string.Join("\n  ", result.Diagnostics));

        public static void AssertHas(ManifestDiagnostic expected, ManifestLoadResult result) =>
            Assert.True(result.Diagnostics.Contains(expected),
                "expected:\n  " + expected + "\namong:\n  " + string.Join("\n  ", result.Diagnostics));
    }

    /// <summary>One table row: an edit of the base manifest and the single diagnostic it must produce.</summary>
    public sealed record RuleCase(string Name, (string Find, string Replace)[] Edits, int Line, int Column, string Path, string Problem, string Allowed)
    {
        public RuleCase(string name, string find, string replace, int line, int column, string path, string problem, string allowed)
            : this(name, new[] { (find, replace) }, line, column, path, problem, allowed)
        {
        }

        public override string ToString() => Name;

        public static TheoryData<RuleCase> Table(params RuleCase[] cases)
        {
            var data = new TheoryData<RuleCase>();
            foreach (var ruleCase in cases) data.Add(ruleCase);
            return data;
        }

        public void AssertOnly()
        {
            var result = ManifestFixture.Parse(ManifestFixture.Edit(Edits));
            ManifestFixture.AssertOnly(ManifestFixture.At(Line, Column, Path, Problem, Allowed), result);
        }
    }
}
