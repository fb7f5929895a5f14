// The client code both apps share; filled by the modules that follow.
export {};
