using System.Collections.Generic;
using System.CommandLine;
using MultiCloud.Engine;
using MultiCloud.Engine.Model;

namespace MultiCloud.Cli.Commands
{
    /// <summary>
    /// FILE or --example NAME, for the verbs that read a manifest. With neither, the shipped default example, so that
    /// `multicloud plan` shows something useful on a fresh machine.
    /// </summary>
    internal sealed class ManifestSource
    {
        /// <summary>The example used when neither FILE nor --example is given.</summary>
        public const string DefaultExample = "hybrid";

        public Argument<string?> File { get; } = VerbOptions.ManifestFile();
        public Option<string?> Example { get; } = VerbOptions.Example();

        public void AddTo(Command command)
        {
            command.Add(File);
            command.Add(Example);
        }

        /// <summary>The name shown in messages: the file path, or "example:NAME".</summary>
        public string Describe(Invocation invocation) => invocation.Get(File) ?? "example:" + ExampleName(invocation);

        public IReadOnlyList<ClusterSpec> Load(Invocation invocation)
        {
            var file = FileOrNull(invocation);
            return file is null ? invocation.Client.LoadExample(ExampleName(invocation)) : invocation.Client.LoadManifest(file);
        }

        /// <summary>The FILE argument, or null when an example is meant; both at once is a usage error.</summary>
        private string? FileOrNull(Invocation invocation)
        {
            var file = invocation.Get(File);
            if (file is not null && invocation.Get(Example) is not null)
                throw new MultiCloudException(ErrorIds.CommandLineInvalid, ErrorKind.InvalidArgument, "give either FILE or --example, not both");
            return file;
        }

        public string ExampleName(Invocation invocation) => invocation.Get(Example) ?? DefaultExample;
    }
}
