// Types the host binds to from every area (endpoints, protocol bindings, composition).
global using GmPki.Issuance;
global using GmPki.Registration.Operators;
