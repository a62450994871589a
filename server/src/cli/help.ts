/** `--help` text of every command; docs/cli.md says the same at more length. */
export const HELP: Readonly<Record<'main' | 'check' | 'watch' | 'diagnose' | 'report' | 'redact' | 'convert', string>> = {
  main: `Usage: ndes-lens <command> [options]

Reads Intune SCEP / NDES troubleshooting logs (IIS u_ex*.log, NDESPlugin.log, *.svclog, Windows event
logs as .evtx or exported, pasted text) with the same rules as the NDES Lens editor extension. Formats
are recognised by content.

Commands:
  check <file|folder|zip>...  every finding in every log (text, JSON, JSON lines or SARIF)
  watch <folder>...           follow the logs as they grow, appending new findings as JSON lines
  diagnose <folder|zip>       the SCEP flow: which stage failed first, and why
  report <folder|zip>         a Markdown or HTML hand-off for a support case (redacted)
  redact <in> <out>           mask hosts, addresses, users, GUIDs and SCEP payloads
  convert <file.evtx>         a binary event log as Event XML (as wevtutil qe /f:xml /e:Events)

Run 'ndes-lens <command> --help' for a command's options.

Team signatures: check, watch, diagnose and report also run your team's rules from .ndeslens.json
in the folder they read (for a file or .zip, the folder holding it), or from --team FILE;
--no-team skips them. A team file with a problem stops the command (exit 2), naming the file, line
and JSON path.

Exit codes: 0 no error-level finding, 1 error-level findings, 2 usage or I/O error.`,

  check: `Usage: ndes-lens check <file|folder|bundle.zip>... [options]

Prints every finding in every log under the paths. Folders are walked recursively; a .zip named
here or found in a folder is read in place as a support bundle. Files no reader takes (hidden ones,
documentation, images, binaries, ETW traces) are listed as skipped. UTF-8 and UTF-16 (LE/BE) are read, and binary Windows
event logs (.evtx, recognised by content) as their Event XML; files of any size stream. In text,
identical findings of a file are one line with their count, first and last line; JSON and SARIF list
every occurrence.

Options:
  --format text|json|jsonl|sarif   output format (default: text); jsonl is one finding per line
  --schema flat|ecs                with jsonl: our flat field names, or Elastic Common Schema
  --min-severity error|warning|info  leave out findings below this severity (default: info)
  --out FILE                       write the result to FILE instead of stdout
  --max-files N                    stop after N files (default: 10000)
  --team FILE                      team signatures from FILE (default: .ndeslens.json in the
                                   folder of each path given, when there is one)
  --no-team                        run the built-in rules only
  --jobs N                         files analysed at once on worker threads (default: one per
                                   core); 1 reads on one thread. The output is the same for any N
  -h, --help                       this help

Exit codes: 0 no error-level finding, 1 error-level findings, 2 usage or I/O error (a team
signature file with a problem included).`,

  watch: `Usage: ndes-lens watch <folder>... --out FILE [options]

Follows the logs under the folders as they grow (IIS u_ex*.log, NDESPlugin.log, *.svclog, event
exports) and appends each new finding to FILE as one JSON line with a stable fingerprint. Only what
was added is read; rotation and #Fields changes are followed; a restart neither repeats nor loses a
finding (the state file keeps each log's identity and offset). SIGTERM or Ctrl+C stops it cleanly.

Options:
  --out FILE            the JSON lines file to append to (required)
  --state FILE          where progress is kept (default: FILE.state.json next to --out)
  --interval S          seconds between polls (default: 5)
  --schema flat|ecs     field names (default: flat)
  --once                read what is there, write it, and exit
  --max-files N         follow at most N files (default: 10000)
  --team FILE           team signatures from FILE (default: .ndeslens.json in each folder);
                        read at start, so restart the watcher after changing it
  --no-team             run the built-in rules only
  -h, --help            this help

Exit codes: 0 stopped cleanly, 2 usage or I/O error (a team signature file with a problem included).`,

  diagnose: `Usage: ndes-lens diagnose <folder|bundle.zip> [options]

Correlates the logs of one NDES server (IIS, NDESPlugin.log, CertificateRegistrationPoint svclog)
along Microsoft's six SCEP stages and names the first stage that failed, with its evidence.

Options:
  --format text|json   output format (default: text); json is the stable FlowResult (version 1)
  --out FILE           write the result to FILE instead of stdout
  --max-files N        stop after N files (default: 10000)
  --team FILE          team signatures from FILE (default: the folder's .ndeslens.json, or
                       for a bundle the .ndeslens.json beside it); a team rule takes its stage
  --no-team            run the built-in rules only
  --jobs N             threads that run the rules (default: one per core); 1 reads on one
                       thread. The output is the same for any N
  -h, --help           this help

Exit codes: 0 no error-level finding, 1 error-level findings, 2 usage or I/O error (a team
signature file with a problem included).`,

  report: `Usage: ndes-lens report <folder|bundle.zip> --out report.md|report.html [options]

Writes a hand-off for a support case: the verdict, the failing stage, the evidence lines, the codes
on them decoded, and the fixes with links to their sources. Log content is redacted by default.

Options:
  --out FILE        the report; .html writes HTML, anything else Markdown (required)
  --format md|html  override the format chosen from the file name
  --no-redact       keep host names, addresses, users, GUIDs and payloads as logged
  --max-files N     stop after N files (default: 10000)
  --team FILE       team signatures from FILE (default: the folder's .ndeslens.json, or for a
                    bundle the .ndeslens.json beside it); they run on the redacted text
  --no-team         run the built-in rules only
  --jobs N          threads that run the rules with --no-redact (default: one per core);
                    redacted logs are read on one thread, masks numbered in reading order
  -h, --help        this help

Exit codes: 0 no error-level finding, 1 error-level findings, 2 usage or I/O error (a team
signature file with a problem included).`,

  convert: `Usage: ndes-lens convert <file.evtx> [options]

Writes a binary Windows event log (.evtx, recognised by its ElfFile signature) as Event XML: one
<Events> document, one event per line, as wevtutil qe <file> /lf:true /f:xml /e:Events does, for grep
or other tools. Parts of the file that cannot be read (a damaged chunk, a cut-off record) appear as
<!-- evtx: ... --> comments naming their byte offset; every other event is still written.

Options:
  --out FILE   write the XML to FILE instead of stdout
  -h, --help   this help

Exit codes: 0 converted, 2 usage or I/O error, or not an .evtx file.`,

  redact: `Usage: ndes-lens redact <in> <out> [options]

Masks UPNs and e-mail addresses, host names and FQDNs, IPv4 and IPv6 addresses, GUIDs, SCEP
challenges and message= payloads. The same value gets the same token in every file of a run, and
tokens keep the shape of what they replace, so each redacted log reads as the same format and
yields the same findings. <in> and <out> are both files or both folders; output is UTF-8.

Options:
  --max-files N   stop after N files (default: 10000)
  -h, --help      this help

Exit codes: 0 done, 2 usage or I/O error.`,
};
