using GmPki.StatusBench;

// Status-service measurements (docs/performance.md, "Certificate status services"):
//   dotnet run -c Release --project bench/GmPki.StatusBench -- ocsp [certificates] [seconds] [concurrency]
//   dotnet run -c Release --project bench/GmPki.StatusBench -- crl [entries]
return args.FirstOrDefault() switch
{
    "ocsp" => await OcspLoad.RunAsync(Argument(args, 1, 1000), Argument(args, 2, 10), Argument(args, 3, 32)),
    "crl" => await CrlBuild.RunAsync(Argument(args, 1, 1_000_000)),
    _ => Usage(),
};

static int Argument(string[] args, int index, int fallback) => args.Length > index ? int.Parse(args[index], System.Globalization.CultureInfo.InvariantCulture) : fallback;

static int Usage()
{
    Console.Error.WriteLine("usage: ocsp [certificates] [seconds] [concurrency] | crl [entries]");
    return 2;
}
