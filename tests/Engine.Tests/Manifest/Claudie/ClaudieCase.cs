using Xunit;

namespace MultiCloud.Engine.Tests.Manifest.Claudie
{
    /// <summary>One table row: an edit of testdata/claudie/base.yaml and the single diagnostic it must produce.</summary>
    public sealed record ClaudieCase(string Name, (string Find, string Replace)[] Edits, int Line, int Column, string Path, string Problem, string Allowed)
    {
        public ClaudieCase(string name, string find, string replace, int line, int column, string path, string problem, string allowed)
            : this(name, new[] { (find, replace) }, line, column, path, problem, allowed)
        {
        }

        public override string ToString() => Name;

        public static TheoryData<ClaudieCase> Table(params ClaudieCase[] cases)
        {
            var data = new TheoryData<ClaudieCase>();
            foreach (var row in cases) data.Add(row);
            return data;
        }

        public void AssertOnly() =>
            ClaudieFixture.AssertOnly(ClaudieFixture.At(Line, Column, Path, Problem, Allowed), ClaudieFixture.Parse(ClaudieFixture.Edit(Edits)));
    }
}
