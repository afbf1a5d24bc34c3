using MultiCloud.Engine.Client;
using Xunit;

namespace MultiCloud.Engine.Tests.Client
{
    public sealed class WildcardTests
    {
        [Theory]
        [InlineData("prod", null, true)]
        [InlineData("prod", "", true)]
        [InlineData("", "", true)]
        [InlineData("prod", "*", true)]
        [InlineData("", "*", true)]
        [InlineData("prod", "pr*", true)]
        [InlineData("prod", "*od", true)]
        [InlineData("prod", "*ro*", true)]
        [InlineData("prod", "p??d", true)]
        [InlineData("prod", "?rod", true)]
        [InlineData("prod", "p?d", false)]
        [InlineData("prod", "prod?", false)]
        [InlineData("", "?", false)]
        [InlineData("prod", "pro", false)]
        [InlineData("prod-eu", "prod", false)]
        [InlineData("my-prod", "prod", false)]
        [InlineData("PROD", "prod", true)]
        [InlineData("prod", "PR*", true)]
        [InlineData("a.b", "a.b", true)]
        [InlineData("axb", "a.b", false)]
        [InlineData("x+y", "x+y", true)]
        [InlineData("xxy", "x+y", false)]
        [InlineData("a(1)", "a(1)", true)]
        [InlineData("a[1]", "a[1]", true)]
        [InlineData("a1", "a[1]", false)]
        [InlineData("a$b^c|d", "a$b^c|d", true)]
        [InlineData(@"c:\x", @"c:\*", true)]
        [InlineData("a.b.c", "a.*", true)]
        [InlineData("ab.c", "a.*", false)]
        public void IsMatch_NameAndPattern_MatchesLikePowerShell(string name, string? pattern, bool expected)
        {
            Assert.Equal(expected, Wildcard.IsMatch(name, pattern));
        }

        [Theory]
        [InlineData("prod", false)]
        [InlineData("", false)]
        [InlineData("pr*", true)]
        [InlineData("p?od", true)]
        [InlineData("*", true)]
        [InlineData("a.b+c", false)]
        [InlineData("[ab]", false)]
        public void HasWildcards_Pattern_TrueOnlyForStarOrQuestionMark(string pattern, bool expected)
        {
            Assert.Equal(expected, Wildcard.HasWildcards(pattern));
        }
    }
}
