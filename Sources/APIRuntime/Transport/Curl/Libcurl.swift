#if canImport(FoundationNetworking) && canImport(CCurl)
import CCurl
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// libcurl's easy interface, looked up in the process. On Linux FoundationNetworking links
/// libcurl, so its functions are there without a development package or a link flag of ours;
/// a process that does not export them (a fully static build) has no ``shared`` and streams
/// through URLSession instead.
///
/// Option numbers are libcurl's ABI, stable once introduced; every option used here exists
/// since libcurl 7.32 (`CURLOPT_XFERINFOFUNCTION`, the newest).
struct Libcurl: @unchecked Sendable {
    typealias Handle = UnsafeMutableRawPointer

    let easyInit: @convention(c) () -> Handle?
    let perform: @convention(c) (Handle) -> Int32
    let cleanup: @convention(c) (Handle) -> Void
    let slistAppend: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>) -> UnsafeMutableRawPointer?
    let slistFreeAll: @convention(c) (UnsafeMutableRawPointer?) -> Void
    /// `curl_easy_setopt`, variadic: called through `CCurl`'s shims.
    private let setopt: UnsafeMutableRawPointer

    /// The process's libcurl; nil when its functions are not found.
    static let shared = Libcurl()

    private init?() {
        func symbol(_ name: String) -> UnsafeMutableRawPointer? { dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) }
        guard let easyInit = symbol("curl_easy_init"), let perform = symbol("curl_easy_perform"),
            let cleanup = symbol("curl_easy_cleanup"), let slistAppend = symbol("curl_slist_append"),
            let slistFreeAll = symbol("curl_slist_free_all"), let setopt = symbol("curl_easy_setopt")
        else { return nil }
        self.easyInit = unsafeBitCast(easyInit, to: (@convention(c) () -> Handle?).self)
        self.perform = unsafeBitCast(perform, to: (@convention(c) (Handle) -> Int32).self)
        self.cleanup = unsafeBitCast(cleanup, to: (@convention(c) (Handle) -> Void).self)
        self.slistAppend = unsafeBitCast(slistAppend, to: (@convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>) -> UnsafeMutableRawPointer?).self)
        self.slistFreeAll = unsafeBitCast(slistFreeAll, to: (@convention(c) (UnsafeMutableRawPointer?) -> Void).self)
        self.setopt = setopt
    }

    /// The options the streaming transfer sets (`CURLOPT_…`).
    enum Option: Int32 {
        case writeData = 10001
        case url = 10002
        case errorBuffer = 10010
        case writeFunction = 20011
        case httpHeader = 10023
        case headerData = 10029
        case customRequest = 10036
        case noProgress = 43
        case noBody = 44
        case followLocation = 52
        case xferInfoData = 10057
        case maximumRedirects = 68
        case bufferSize = 98
        case noSignal = 99
        case headerFunction = 20079
        case acceptEncoding = 10102
        case postFieldSizeLarge = 30120
        case connectTimeoutMilliseconds = 156
        case copyPostFields = 10165
        case xferInfoFunction = 20219
    }

    /// `CURL_ERROR_SIZE`: the error buffer's size.
    static let errorBufferSize = 256

    /// Sets a long (or, on LP64, `curl_off_t`) option; libcurl's `CURLcode`.
    @discardableResult
    func set(_ handle: Handle, _ option: Option, _ value: Int) -> Int32 {
        ccurl_setopt_long(setopt, handle, option.rawValue, value)
    }

    /// Sets a pointer option (a string libcurl copies, or a pointer it keeps).
    @discardableResult
    func set(_ handle: Handle, _ option: Option, pointer: UnsafeRawPointer?) -> Int32 {
        ccurl_setopt_pointer(setopt, handle, option.rawValue, pointer)
    }

    /// Sets a write or header callback.
    @discardableResult
    func set(_ handle: Handle, _ option: Option, callback: ccurl_data_callback) -> Int32 {
        ccurl_setopt_data_callback(setopt, handle, option.rawValue, callback)
    }

    /// Sets the transfer-information callback.
    @discardableResult
    func set(_ handle: Handle, _ option: Option, progress: ccurl_progress_callback) -> Int32 {
        ccurl_setopt_progress_callback(setopt, handle, option.rawValue, progress)
    }
}
#endif
