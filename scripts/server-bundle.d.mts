export declare const root: string;
export declare const bundle: string;
export declare function bundleIsFresh(): boolean;
export declare function buildServerBundle(options?: { force?: boolean }): Promise<boolean>;
