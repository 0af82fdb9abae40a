// Types the host binds to from every area (endpoints, protocol bindings): the composition in
// GmPki.Hosting and the domain objects it wires.
global using GmPki.Hosting;
global using GmPki.Hosting.Configuration;
global using GmPki.Hosting.Kmc;
global using GmPki.Hosting.Logging;
global using GmPki.Hosting.Status;
global using GmPki.Hosting.Timestamping;
global using GmPki.Issuance;
global using GmPki.Registration.Operators;
