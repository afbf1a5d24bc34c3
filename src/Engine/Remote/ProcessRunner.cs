using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace MultiCloud.Engine.Remote
{
    /// <summary>What a local process printed and how it ended.</summary>
    internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Duration);

    /// <summary>Runs a local program with arguments (never through a shell), feeding stdin and collecting both outputs.</summary>
    internal static class ProcessRunner
    {
        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        /// <summary>Runs the program to completion; cancellation kills it. Fails with SshClientNotFound when the program is missing.</summary>
        public static async Task<ProcessResult> RunAsync(
            string program,
            IReadOnlyList<string> arguments,
            string? standardInput,
            CancellationToken cancellationToken)
        {
            var startInfo = new ProcessStartInfo(program, CommandLine.Join(arguments))
            {
                UseShellExecute = false,
                CreateNoWindow = true,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Utf8,
                StandardErrorEncoding = Utf8,
            };

            // An agent could offer keys other than the node's; the node's key is given explicitly.
            startInfo.Environment.Remove("SSH_AUTH_SOCK");

            using var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
            var exited = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.Exited += (_, _) => exited.TrySetResult(true);

            var clock = Stopwatch.StartNew();
            try
            {
                process.Start();
            }
            catch (Win32Exception e)
            {
                throw new MultiCloudException(
                    ErrorIds.SshClientNotFound,
                    ErrorKind.NotFound,
                    $"could not start '{program}' ({e.Message}); install the OpenSSH client (package openssh-client) and make sure it is on PATH",
                    e);
            }

            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using (cancellationToken.Register(() => Kill(process)))
            {
                await WriteInputAsync(process, standardInput).ConfigureAwait(false);
                await exited.Task.ConfigureAwait(false);
                // A killed multiplexing client has handed its pipes to the master connection, which keeps them open
                // while the remote command runs on: waiting for their end would wait for that command.
                cancellationToken.ThrowIfCancellationRequested();
                var texts = await Task.WhenAll(output, error).ConfigureAwait(false);
                process.WaitForExit();
                cancellationToken.ThrowIfCancellationRequested();
                return new ProcessResult(process.ExitCode, texts[0], texts[1], clock.Elapsed);
            }
        }

        private static async Task WriteInputAsync(Process process, string? text)
        {
            try
            {
                if (text != null)
                {
                    // Bytes, not the writer: its encoding is platform-dependent on netstandard2.0 and may add a BOM.
                    var bytes = Utf8.GetBytes(text);
                    await process.StandardInput.BaseStream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
                    await process.StandardInput.BaseStream.FlushAsync().ConfigureAwait(false);
                }
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The program exited before reading all input (a refused connection); its exit code tells why.
            }
        }

        private static void Kill(Process process)
        {
            try
            {
                if (!process.HasExited) process.Kill();
            }
            catch (InvalidOperationException)
            {
                // Exited between the check and the kill.
            }
            catch (Win32Exception)
            {
                // Exiting right now; nothing left to stop.
            }
        }
    }
}
