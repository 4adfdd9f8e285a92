using System.Diagnostics;
using System.Globalization;
using System.Text;
using LiveSession.WhisperBench;

// Data: tests/fixtures unless --model-dir DIR (real models: ggml-{size}.bin, ggml-silero-v6.2.0.bin) and
// --manifest FILE (more clips: file, seconds, reference_text) say otherwise; see BenchData.
// rtf: real-time factor of whisper.cpp through the project's binding, per model and thread count.
//   dotnet run -c Release --project bench/LiveSession.WhisperBench -- rtf [--models tiny,base,small] [--threads 1,2] [--clips 3] [--model-dir DIR] [--manifest FILE] [--write]
// wer: word and character error rates of a real model over a manifest (file, seconds, reference_text).
//   dotnet run -c Release --project bench/LiveSession.WhisperBench -- wer --model PATH [--manifest FILE]
// latency: live captions end to end (microphone client → host → worker → hall-screen client), first partial and final.
//   dotnet run -c Release --project bench/LiveSession.WhisperBench -- latency [--models tiny,base,small] [--threads 2] [--utterances 8] [--model-dir DIR] [--manifest FILE] [--write]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
Console.OutputEncoding = Encoding.UTF8;
var options = Arguments.Parse(args.Skip(1));
var root = Arguments.RepositoryRoot();
BenchData data;
try
{
    data = BenchData.From(root, options);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
switch (args.FirstOrDefault())
{
    case "rtf":
        return RealTimeFactor.Run(data, root, options);
    case "wer":
        return ErrorRates.Run(data, options);
    case "latency":
        return await CaptionLatency.RunAsync(data, root, options);
    default:
        Console.Error.WriteLine("usage: rtf [--models tiny,base,small] [--threads 1,2] [--clips N] [--write] | wer --model PATH [--manifest FILE] | latency [--models tiny,base,small] [--threads 2] [--utterances 8] [--write]");
        Console.Error.WriteLine("       (rtf and latency also take --model-dir DIR and --manifest FILE; the default is tests/fixtures)");
        return 2;
}
