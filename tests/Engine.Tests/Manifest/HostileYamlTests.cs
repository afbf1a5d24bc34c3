using MultiCloud.Engine.Manifest;
using Xunit;

namespace MultiCloud.Engine.Tests.Manifest
{
    /// <summary>YAML built to crash or exhaust a reader: each ends in a located diagnostic, and nothing else.</summary>
    public sealed class HostileYamlTests
    {
        private static ManifestDiagnostic Only(string yaml)
        {
            var result = ManifestFixture.Parse(yaml);
            Assert.False(result.IsValid);
            Assert.Single(result.Diagnostics);
            return result.Diagnostics[0];
        }

        [Fact]
        public void Parse_RecursiveAliasAsKey_ReportsTheAliasInsteadOfOverflowingTheStack()
        {
            var problem = Only("? &k [*k]\n: v\n");

            Assert.Equal(ManifestFixture.At(1, 7, "(document)", "alias *k is used inside the node it names (a recursive alias)",
                "aliases to nodes that are complete where the alias is used"), problem);
        }

        [Fact]
        public void Parse_NestedFortyThousandLevels_StopsAtTheDepthLimitWithItsPlace()
        {
            var problem = Only("a: " + new string('[', 40000) + new string(']', 40000) + "\n");

            Assert.Equal(new SourceLocation(ManifestFixture.FileName, 1, 4 + ManifestLimits.MaxDepth - 1), problem.Location);
            Assert.Equal("maps and lists are nested more than 32 levels deep", problem.Problem);
        }

        [Fact]
        public void Parse_BillionLaughs_StopsWhenExpansionPassesTheLimit()
        {
            var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
            for (var level = 'b'; level <= 'j'; level++)
            {
                var previous = (char)(level - 1);
                yaml += level + ": &" + level + " [" + string.Join(", ", Enumerable.Repeat("*" + previous, 10)) + "]\n";
            }

            var problem = Only(yaml);

            Assert.Equal("(document)", problem.FieldPath);
            Assert.Equal("with its aliases expanded the document has more than 1,000,000 values", problem.Problem);
            Assert.True(problem.Location.Line >= 6, problem.ToString());
        }

        [Fact]
        public void Parse_AliasToNoAnchor_IsLocated()
        {
            var problem = Only("a: *nowhere\n");

            Assert.Equal(ManifestFixture.At(1, 4, "(document)", "alias *nowhere names no anchor defined before it", "an anchor &nowhere earlier in the same document"), problem);
        }

        [Fact]
        public void Parse_TooManyAliases_IsLocated()
        {
            var yaml = "a: &a x\nb: [" + string.Join(", ", Enumerable.Repeat("*a", ManifestLimits.MaxAliases + 1)) + "]\n";

            var problem = Only(yaml);

            Assert.Equal("the document uses more than 1000 aliases", problem.Problem);
            Assert.Equal(2, problem.Location.Line);
        }

        [Theory]
        [InlineData("metadata: { name: x\n")]
        [InlineData("metadata: { name: x\nspec: 1\n")]
        [InlineData("a: [1, 2\nb: 3\n")]
        [InlineData("a: 'open\n")]
        [InlineData("a:\n  b: [x]\n:\n")]
        public void Parse_UnclosedFlowOrQuote_IsASyntaxErrorWithItsPlace(string yaml)
        {
            var problem = Only(yaml);

            Assert.Equal("(syntax)", problem.FieldPath);
            Assert.StartsWith("invalid YAML: ", problem.Problem);
            Assert.True(problem.Location.Line >= 1 && problem.Location.Column >= 1);
        }

        [Theory]
        [InlineData("port: 2222", "port: !!str 2222", "!!str")]
        [InlineData("count: 3", "count: !!int 3", "!!int")]
        [InlineData("name: demo", "name: ! demo", "!")]
        [InlineData("name: demo", "name: !custom demo", "!custom")]
        public void Parse_AnyYamlTag_IsRefusedWithItsPlace(string find, string replace, string tag)
        {
            var text = ManifestFixture.Edit((find, replace));
            var lines = text.Split('\n');
            var line = Array.FindIndex(lines, l => l.Contains(replace, StringComparison.Ordinal));

            var problem = Assert.Single(ManifestFixture.Parse(text).Diagnostics);

            Assert.Equal(ManifestFixture.At(line + 1, lines[line].IndexOf('!') + 1, "(tag)", "YAML tag '" + tag + "' is not allowed in a manifest",
                "plain values without tags: numbers unquoted, text as it is or quoted"), problem);
        }

        [Fact]
        public void Parse_QuotedPort_IsRefusedAsText()
        {
            var result = ManifestFixture.Parse(ManifestFixture.Edit(("port: 2222", "port: \"2222\"")));

            var problem = Assert.Single(result.Diagnostics);
            Assert.Equal("expected a whole number, found quoted text \"2222\"", problem.Problem);
        }

        [Fact]
        public void Parse_TextLargerThanTheFileLimit_IsRefusedBeforeParsing()
        {
            var problem = Only("# " + new string('x', ManifestLimits.MaxFileBytes) + "\n");

            Assert.Equal(ManifestFixture.At(1, 1, "(file)", "the manifest has 4,194,307 characters", "at most 4,194,304"), problem);
        }

        [Fact]
        public void Parse_ControlCharactersInFieldNamesAndValues_AreEscapedInEveryPart()
        {
            var result = ManifestFixture.Parse(ManifestFixture.Edit(("region: eu-central-1", "region: eu-central-1\n        \"\\e]0;owned\\a\": \"\\e[2J\"")));

            Assert.NotEmpty(result.Diagnostics);
            foreach (var diagnostic in result.Diagnostics)
            {
                Assert.DoesNotContain('\u001b', diagnostic.ToString());
                Assert.DoesNotContain('\u0007', diagnostic.ToString());
            }
            Assert.Contains(result.Diagnostics, d => d.Problem.Contains("unknown field '\\x1B]0;owned\\x07'", StringComparison.Ordinal));
        }
    }
}
