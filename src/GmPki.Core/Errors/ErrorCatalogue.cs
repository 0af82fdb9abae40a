namespace GmPki.Core.Errors;

/// <summary>
/// The one list of every error GmPki reports by a stable name: the kebab-case problem codes of
/// its RFC 9457 problem documents (<c>code</c>, type <c>urn:gmpki:error:{code}</c>; each with its
/// <see cref="ErrorKind"/> and HTTP status) and the numbered configuration problem IDs
/// (<c>GMPKI-AREA-nnn</c>) start-up validation reports. Each entry says what it means in zh-CN
/// and English. <c>docs/errors.md</c> and <c>docs/configuration.md</c> list exactly these
/// entries, in this order; a test scans the sources for codes and IDs this list lacks or nothing
/// uses. Protocol-defined error types (ACME <c>urn:ietf:params:acme:error:*</c>, RFC 8555 §6.7;
/// CMP failInfo, RFC 4210 §5.2.3) are not GmPki's own and are not listed.
/// </summary>
public static class ErrorCatalogue
{
    internal static readonly CatalogueEntry RequestInvalid = new("request-invalid", ErrorKind.Invalid, "请求体或参数格式错误或缺失", "The request body or a parameter is malformed or missing.");

    internal static readonly CatalogueEntry RequestTooLarge = new("request-too-large", ErrorKind.TooLarge, "请求体超过该端点的大小上限", "The request body exceeds the endpoint's limit.");

    internal static readonly CatalogueEntry UnsupportedMediaType = new("unsupported-media-type", ErrorKind.UnsupportedMediaType, "请求体的媒体类型（Content-Type）不是该端点接受的类型", "The request body's Content-Type is not the one the endpoint takes.");

    internal static readonly CatalogueEntry Unauthenticated = new("unauthenticated", ErrorKind.Unauthenticated, "未提供凭据，或凭据未知、已停用", "No credentials, or unknown or disabled ones.");

    internal static readonly CatalogueEntry Forbidden = new("forbidden", ErrorKind.Forbidden, "已认证操作员的角色不允许此操作", "The authenticated operator's role does not allow the operation.");

    internal static readonly CatalogueEntry Internal = new("internal", ErrorKind.Internal, "意外的内部错误，详情仅记录在服务器日志中", "An unexpected failure; the details stay in the server log under the request ID.");

    internal static readonly CatalogueEntry CsrTooLarge = new("csr-too-large", ErrorKind.TooLarge, "证书请求超过大小上限", "The certification request exceeds the size limit.");

    internal static readonly CatalogueEntry CsrMalformed = new("csr-malformed", ErrorKind.Invalid, "证书请求不是格式正确的 PEM 或 DER PKCS#10 结构", "The certification request is not a well-formed PEM or DER PKCS#10 structure.");

    internal static readonly CatalogueEntry CsrBadSignature = new("csr-bad-signature", ErrorKind.Invalid, "证书请求的自签名（私钥持有证明）验证失败", "The certification request's self-signature (proof of possession) does not verify.");

    internal static readonly CatalogueEntry CsrSignatureAlgorithmRejected = new("csr-signature-algorithm-rejected", ErrorKind.Invalid, "证书请求使用了不接受的签名算法（MD5、SHA-1 或未知算法）", "The certification request is signed with an algorithm GmPki does not accept (MD5, SHA-1, unknown).");

    internal static readonly CatalogueEntry CsrWeakKey = new("csr-weak-key", ErrorKind.Invalid, "公钥算法已知但强度不足（如 RSA 少于 2048 位）", "The public key is of a known algorithm but too weak (RSA below 2048 bits, bad exponent).");

    internal static readonly CatalogueEntry CsrUnsupportedKey = new("csr-unsupported-key", ErrorKind.Invalid, "不支持该公钥算法或曲线，或公钥无效", "The public key's algorithm or curve is not supported, or the key is not valid.");

    internal static readonly CatalogueEntry CsrSubjectRejected = new("csr-subject-rejected", ErrorKind.Invalid, "主体名称不符合证书模板", "The subject name violates the profile.");

    internal static readonly CatalogueEntry CsrExtensionRejected = new("csr-extension-rejected", ErrorKind.Invalid, "请求的扩展格式错误或不被证书模板允许", "A requested extension is malformed or not acceptable for the profile.");

    internal static readonly CatalogueEntry ProfileUnknown = new("profile-unknown", ErrorKind.Invalid, "未配置该名称的证书模板", "No certificate profile of that name is configured.");

    internal static readonly CatalogueEntry ProfileKeyAlgorithmNotAllowed = new("profile-key-algorithm-not-allowed", ErrorKind.Invalid, "证书模板不允许该密钥算法", "The profile does not allow the request's key algorithm.");

    internal static readonly CatalogueEntry IdentityExtensionRejected = new("identity-extension-rejected", ErrorKind.Invalid, "身份标识扩展（GM/T 0015）缺失、不应出现或格式错误", "Identity extension values (GM/T 0015) are missing, unexpected or malformed.");

    internal static readonly CatalogueEntry PreIssuanceCheckFailed = new("pre-issuance-check-failed", ErrorKind.Unprocessable, "签发前检查拒绝签名证书", "The pre-issuance check refused to sign the certificate.");

    internal static readonly CatalogueEntry IssuerUnavailable = new("issuer-unavailable", ErrorKind.Unavailable, "签发 CA 不可用（未初始化、已过期或有效期不足）", "The issuing CA cannot issue (not initialised, expired, or its validity ends too soon).");

    internal static readonly CatalogueEntry SigningFault = new("signing-fault", ErrorKind.Internal, "签名结果与检查内容不一致，或签名验证失败", "The signed certificate did not match what was checked, or its signature did not verify.");

    internal static readonly CatalogueEntry SerialReservationFailed = new("serial-reservation-failed", ErrorKind.Internal, "无法预留唯一的证书序列号", "A unique serial number could not be reserved.");

    internal static readonly CatalogueEntry CertificateNotFound = new("certificate-not-found", ErrorKind.NotFound, "没有该序列号的证书", "No certificate with that serial number.");

    internal static readonly CatalogueEntry AuthorityNotFound = new("authority-not-found", ErrorKind.NotFound, "没有该名称的证书认证机构", "No certificate authority of that name.");

    internal static readonly CatalogueEntry BackupInvalid = new("backup-invalid", ErrorKind.Unprocessable, "备份不完整或已被改动（清单、文件的 SM3 或审计链不符），未恢复", "The backup is incomplete or altered (its manifest, a file's SM3 or the audit chain does not match); nothing was restored.");

    internal static readonly CatalogueEntry AlreadyInitialized = new("already-initialized", ErrorKind.Conflict, "数据目录中已有 CA 层级或密钥", "The data directory already holds a CA hierarchy or key.");

    internal static readonly CatalogueEntry ApplicationNotFound = new("application-not-found", ErrorKind.NotFound, "没有该标识的申请", "No application with that identifier.");

    internal static readonly CatalogueEntry SubscriberNotFound = new("subscriber-not-found", ErrorKind.NotFound, "没有该标识的订户", "No subscriber with that identifier.");

    internal static readonly CatalogueEntry SubscriberInvalid = new("subscriber-invalid", ErrorKind.Invalid, "订户数据无效（姓名、证件号码校验码、地区等）", "Subscriber data is invalid (name, identity number check character, region).");

    internal static readonly CatalogueEntry WorkflowStepOutOfOrder = new("workflow-step-out-of-order", ErrorKind.Conflict, "该步骤不是申请需要的下一步，或申请状态不允许此步骤", "The step is not the next one the application needs, or the application's state does not allow it.");

    internal static readonly CatalogueEntry ApplicationChanged = new("application-changed", ErrorKind.Conflict, "他人同时记录了同一申请的步骤，请重新加载后重试", "Someone else recorded a step of the same application at the same time; reload and retry.");

    internal static readonly CatalogueEntry TwoPersonRuleViolated = new("two-person-rule-violated", ErrorKind.Forbidden, "双人原则：审批人不得是核验申请人身份的人", "Two-person rule: the approver is the registrar who verified the applicant's identity.");

    internal static readonly CatalogueEntry FulfilmentIncomplete = new("fulfilment-incomplete", ErrorKind.Conflict, "双证书的两张证书已签发，但密钥管理中心的加密密钥信封随中断丢失，无法完成该申请", "Both certificates of a dual pair were issued, but the KMC's envelope of the encryption key was lost with an interruption; the application cannot be completed.");

    internal static readonly CatalogueEntry StepInvalid = new("step-invalid", ErrorKind.Invalid, "步骤输入不完整或无效", "The step's input is incomplete or invalid.");

    internal static readonly CatalogueEntry AgreementSignatureInvalid = new("agreement-signature-invalid", ErrorKind.Invalid, "申请人对协议摘要的签名验证失败", "The applicant's signature over the agreement digest does not verify.");

    internal static readonly CatalogueEntry DocumentConflict = new("document-conflict", ErrorKind.Conflict, "所需的文件版本未发布，或该版本已存在", "A published document version is required but missing, or a version already exists.");

    internal static readonly CatalogueEntry DocumentNotFound = new("document-not-found", ErrorKind.NotFound, "该文件（版本）未发布", "No such document, or no such version of it, is published.");

    internal static readonly CatalogueEntry EvidenceTooLarge = new("evidence-too-large", ErrorKind.TooLarge, "证据文件超过大小上限", "An evidence file exceeds the size limit.");

    internal static readonly CatalogueEntry EvidenceInvalid = new("evidence-invalid", ErrorKind.Invalid, "证据文件缺少内容，或名称、媒体类型缺失或含控制字符", "An evidence file has no content, or its name or media type is missing or contains control characters.");

    internal static readonly CatalogueEntry EvidenceNotFound = new("evidence-not-found", ErrorKind.NotFound, "没有该标识的证据文件", "No evidence file with that identifier.");

    internal static readonly CatalogueEntry AgencyNotFound = new("agency-not-found", ErrorKind.NotFound, "没有该代码的受委托机构", "No delegated registration agency with that code.");

    internal static readonly CatalogueEntry AgencyInvalid = new("agency-invalid", ErrorKind.Invalid, "受委托机构数据无效，或代码已被占用", "Agency data is invalid (code, dates, scope), or the code is taken.");

    internal static readonly CatalogueEntry AgencyScopeViolated = new("agency-scope-violated", ErrorKind.Forbidden, "受委托机构操作员超出委托范围、机构已暂停、委托已关闭，或试图再委托", "An agency operator acted outside the delegated scope, for a suspended agency, while delegation is off, or tried to sub-delegate.");

    internal static readonly CatalogueEntry SeparationOfDuties = new("separation-of-duties", ErrorKind.Forbidden, "三员分立：同一人只能担任管理员、安全员、审计员中的一个角色", "三员 separation: one person may hold only one of administrator, security officer and audit officer.");

    internal static readonly CatalogueEntry OcspMalformedRequest = new("ocsp-malformed-request", ErrorKind.Invalid, "OCSP 请求不是响应器接受的格式正确的 DER 请求（以 OCSP 状态 malformedRequest 应答）", "An OCSP request is not a well-formed DER OCSPRequest the responder accepts (answered with OCSP status malformedRequest).");

    internal static readonly CatalogueEntry CrlNotFound = new("crl-not-found", ErrorKind.NotFound, "该 CA 和分片尚未发布 CRL，或没有该分片", "No CRL of that CA and shard is published (yet), or there is no such shard.");

    internal static readonly CatalogueEntry UrgentReportUnverified = new("urgent-report-unverified", ErrorKind.Forbidden, "挂失报告无法确认来自证书持有人", "An urgent report of a lost or compromised key could not be tied to the holder.");

    internal static readonly CatalogueEntry RecipientCertificateInvalid = new("recipient-certificate-invalid", ErrorKind.Invalid, "指定接收恢复密钥的证书不是本 CA 签发的有效、未过期 SM2 证书", "The certificate designated to receive a recovered key is not a good, unexpired SM2 certificate of this CA.");

    internal static readonly CatalogueEntry DirectoryQueryInvalid = new("directory-query-invalid", ErrorKind.Invalid, "目录查询或公告参数格式错误", "A directory search or announcements parameter is malformed.");

    internal static readonly CatalogueEntry DirectoryCertificateWithheld = new("directory-certificate-withheld", ErrorKind.Forbidden, "该证书载有个人身份号码，公开目录只提供其状态，不提供下载", "The certificate carries a person's identity number: the public directory gives its status, not the certificate.");

    internal static readonly CatalogueEntry CertificateMalformed = new("certificate-malformed", ErrorKind.Invalid, "提交真伪查验或路径验证的证书不是 DER X.509 证书", "The certificate submitted for an authenticity check or path validation is not a DER X.509 certificate.");

    internal static readonly CatalogueEntry PassphraseMissing = new("passphrase-missing", ErrorKind.Unavailable, "未提供密钥库口令", "No passphrase was supplied for the key store.");

    internal static readonly CatalogueEntry KeyUnlockFailed = new("key-unlock-failed", ErrorKind.Unavailable, "私钥无法解密（口令错误或文件损坏）", "A private key could not be decrypted (wrong passphrase or damaged file).");

    internal static readonly CatalogueEntry KeyNotFound = new("key-not-found", ErrorKind.Unavailable, "密钥引用在密钥库中找不到对应密钥", "The key reference names no key in the store.");

    internal static readonly CatalogueEntry OperatorDisabled = new("operator-disabled", ErrorKind.Unauthenticated, "操作员账户已停用", "The operator's account is disabled.");

    internal static readonly CatalogueEntry OperatorNotFound = new("operator-not-found", ErrorKind.NotFound, "没有该名称的操作员", "No operator of that name.");

    internal static readonly CatalogueEntry OperatorKeyExpired = new("operator-key-expired", ErrorKind.Unauthenticated, "操作员 API 密钥已过期", "The operator's API key has expired.");

    internal static readonly CatalogueEntry ListenAddressInUse = new("listen-address-in-use", ErrorKind.Unavailable, "gmpki serve 的监听地址已被其他程序占用", "Another program already listens on an address gmpki serve was told to listen on.");

    internal static readonly CatalogueEntry CmpSenderNonceInvalid = new("cmp-sender-nonce-invalid", ErrorKind.Invalid, "CMP 请求没有 senderNonce，或其 senderNonce 已被使用过（重放）", "A CMP request carries no senderNonce, or one a request used before (a replay).");

    internal static readonly CatalogueEntry CmpRecipientNonceInvalid = new("cmp-recipient-nonce-invalid", ErrorKind.Invalid, "CMP 请求的 recipNonce 不是本 CA 在该事务中最后应答的 senderNonce", "A CMP request's recipNonce is not the senderNonce of this CA's last answer in the transaction.");

    internal static readonly CatalogueEntry CmpTransactionIdInUse = new("cmp-transaction-id-in-use", ErrorKind.Conflict, "开始新 CMP 事务的请求使用了已用过的 transactionID", "A CMP request starting a transaction uses a transactionID seen before.");

    internal static readonly CatalogueEntry CmpTransactionUnknown = new("cmp-transaction-unknown", ErrorKind.Invalid, "certConf 或 pollReq 所属的 CMP 事务本 CA 不知道，或不在可确认、可轮询的状态", "A certConf or pollReq for a CMP transaction this CA does not know, or not in a state to confirm or poll.");

    internal static readonly CatalogueEntry CmpOldCertIdMismatch = new("cmp-old-cert-id-mismatch", ErrorKind.Invalid, "密钥更新请求的 id-regCtrl-oldCertID 所指证书不是签署该请求的证书", "A key update request's id-regCtrl-oldCertID names a certificate other than the one that signed it.");

    internal static readonly CatalogueEntry CsrValidityRejected = new("csr-validity-rejected", ErrorKind.Invalid, "证书请求要求的有效期截止时间不晚于证书的起始时间", "The certification request asks for a notAfter that is not after the certificate's notBefore.");

    /// <summary>Every problem code, in the order of <c>docs/errors.md</c>.</summary>
    public static IReadOnlyList<CatalogueEntry> ProblemCodes { get; } =
    [
        RequestInvalid,
        RequestTooLarge,
        UnsupportedMediaType,
        Unauthenticated,
        Forbidden,
        Internal,
        CsrTooLarge,
        CsrMalformed,
        CsrBadSignature,
        CsrSignatureAlgorithmRejected,
        CsrWeakKey,
        CsrUnsupportedKey,
        CsrSubjectRejected,
        CsrExtensionRejected,
        ProfileUnknown,
        ProfileKeyAlgorithmNotAllowed,
        IdentityExtensionRejected,
        PreIssuanceCheckFailed,
        IssuerUnavailable,
        SigningFault,
        SerialReservationFailed,
        CertificateNotFound,
        AuthorityNotFound,
        AlreadyInitialized,
        ApplicationNotFound,
        SubscriberNotFound,
        SubscriberInvalid,
        WorkflowStepOutOfOrder,
        ApplicationChanged,
        TwoPersonRuleViolated,
        StepInvalid,
        FulfilmentIncomplete,
        AgreementSignatureInvalid,
        DocumentConflict,
        DocumentNotFound,
        EvidenceTooLarge,
        EvidenceInvalid,
        EvidenceNotFound,
        AgencyNotFound,
        AgencyInvalid,
        AgencyScopeViolated,
        SeparationOfDuties,
        OcspMalformedRequest,
        new("ocsp-unauthorized", ErrorKind.Forbidden, "OCSP 请求所指的 CA 不由本系统运行（以 OCSP 状态 unauthorized 应答，仅记入审计）", "An OCSP request names a CA this installation does not run (answered with OCSP status unauthorized; the code appears in the audit log only)."),
        CrlNotFound,
        UrgentReportUnverified,
        RecipientCertificateInvalid,
        DirectoryQueryInvalid,
        DirectoryCertificateWithheld,
        CertificateMalformed,
        PassphraseMissing,
        KeyUnlockFailed,
        KeyNotFound,
        ListenAddressInUse,
        BackupInvalid,
        CmpSenderNonceInvalid,
        CmpRecipientNonceInvalid,
        CmpTransactionIdInUse,
        CmpTransactionUnknown,
        CmpOldCertIdMismatch,
        CsrValidityRejected,
        new("kmc-ca-unknown", ErrorKind.Forbidden, "请求的 CA 未在密钥管理中心注册", "The requesting CA is not registered with the KMC."),
        new("kmc-ca-exists", ErrorKind.Conflict, "该 CA 已在密钥管理中心注册", "The CA is already registered with the KMC."),
        new("kmc-algorithm-rejected", ErrorKind.Invalid, "该 CA 未注册此密钥算法", "The key algorithm is not one the CA is registered for."),
        new("kmc-holder-key-rejected", ErrorKind.Invalid, "持有人的签名公钥无法接收 SM2 数字信封", "The holder's public key cannot receive an SM2 envelope."),
        new("kmc-request-invalid", ErrorKind.Invalid, "密钥管理中心请求的字段无效", "A KMC request's fields are invalid."),
        new("kmc-request-duplicate", ErrorKind.Conflict, "该 CA 已使用过此请求标识", "The CA used the request ID before."),
        new("kmc-key-unknown", ErrorKind.NotFound, "该 CA 没有此标识的密钥", "No key of that ID for that CA."),
        new("kmc-device-unknown", ErrorKind.NotFound, "没有为该 CA 个人化的此序列号设备", "No device of that serial personalised for that CA."),
        new("kmc-device-exists", ErrorKind.Conflict, "该 CA 已个人化此序列号的设备", "The CA personalised a device of that serial already."),
        new("kmc-key-state", ErrorKind.Conflict, "密钥不处于允许该操作的状态", "The key is not in a state that allows the operation."),
        new("kmc-sealed", ErrorKind.Unavailable, "密钥管理中心处于封存状态", "The KMC is sealed."),
        new("kmc-unreachable", ErrorKind.Unavailable, "远程密钥管理中心无法访问、不受信任或未及时应答", "The remote KMC cannot be reached, is not trusted, or did not answer in time."),
        new("kmc-master-key-exists", ErrorKind.Conflict, "主密钥已经生成", "A master key exists already."),
        new("kmc-custody-invalid", ErrorKind.Invalid, "主密钥保管参数（M、N、保管人）无效", "The master key custody parameters (M, N, custodians) are invalid."),
        new("kmc-share-invalid", ErrorKind.Invalid, "主密钥分量格式错误、校验失败或不属于当前主密钥", "A master key share is malformed, fails its checksum, or belongs to another master key."),
        new("kmc-shares-insufficient", ErrorKind.Invalid, "不同的主密钥分量少于门限 M", "Fewer than M distinct master key shares."),
        new("kmc-unseal-failed", ErrorKind.Invalid, "分量重建的秘密校验值不符", "The shares reconstruct a secret whose check value differs."),
        new("kmc-escrow-corrupt", ErrorKind.Internal, "托管记录认证失败或属于其他主密钥", "An escrow record fails authentication or is under another master key."),
        OperatorDisabled,
        OperatorKeyExpired,
        OperatorNotFound,
    ];

    /// <summary>Every configuration problem ID, in the order of <c>docs/configuration.md</c>.</summary>
    public static IReadOnlyList<CatalogueEntry> ConfigurationProblems { get; } =
    [
        new("GMPKI-CONFIG-000", null, "gmpki.json 缺失或无法读取（JSON 语法错误、类型错误）", "gmpki.json is missing or unreadable (JSON syntax, wrong types)."),
        new("GMPKI-CONFIG-001", null, "Database:Provider 既不是 sqlite 也不是 postgresql", "Database:Provider is neither sqlite nor postgresql."),
        new("GMPKI-CONFIG-002", null, "Database:ConnectionString 为空", "Database:ConnectionString is empty."),
        new("GMPKI-CONFIG-003", null, "Issuance:BackdateMinutes 不在 0–60 之间", "Issuance:BackdateMinutes is outside 0–60."),
        new("GMPKI-AUDIT-001", null, "Audit:CheckpointEvents 不在 1–1,000,000 之间", "Audit:CheckpointEvents is outside 1–1,000,000."),
        new("GMPKI-AUDIT-002", null, "Audit:CheckpointMinutes 不在 1–1440 之间", "Audit:CheckpointMinutes is outside 1–1440."),
        new("GMPKI-SRV-001", null, "Server:Https:CertificateFile 或 KeyFile 缺失或找不到", "Server:Https:CertificateFile or KeyFile is missing or not found."),
        new("GMPKI-SRV-002", null, "Server:ClientCertificates:TrustedProxies 的某项不是 IP 地址", "A Server:ClientCertificates:TrustedProxies entry is not an IP address."),
        new("GMPKI-SRV-003", null, "配置了受信代理但没有 ForwardedHeader", "Trusted proxies are configured without a ForwardedHeader."),
        new("GMPKI-KMC-001", null, "Kmc:Url 不是绝对的 https:// URL", "Kmc:Url is not an absolute https:// URL."),
        new("GMPKI-KMC-002", null, "设置了 Kmc:Url 但 ClientCertificate、ClientKey 或 TrustedCertificate 缺失或找不到", "Kmc:Url is set but Kmc:ClientCertificate, ClientKey or TrustedCertificate is missing or not found."),
        new("GMPKI-KMC-003", null, "客户端证书与私钥无法作为 PEM 对加载，或 TrustedCertificate 中没有 PEM 证书", "The client certificate and key do not load as a PEM pair, or TrustedCertificate holds no PEM certificate."),
        new("GMPKI-KMC-004", null, "Kmc:TimeoutSeconds 不在 1–300 之间", "Kmc:TimeoutSeconds is outside 1–300."),
        new("GMPKI-REG-001", null, "Registration:RetentionYears 小于 5（M09 §24）或大于 100", "Registration:RetentionYears is below 5 (M09 §24) or above 100."),
        new("GMPKI-REG-002", null, "Registration:GovernmentRetentionYears 小于 10（M09 §24）或大于 100", "Registration:GovernmentRetentionYears is below 10 (M09 §24) or above 100."),
        new("GMPKI-URL-001", null, "PublicUrls:BaseUrl 不是不带末尾斜杠的绝对 http(s) URL", "PublicUrls:BaseUrl is not an absolute http(s) URL without a trailing slash."),
        new("GMPKI-URL-002", null, "PublicUrls:CrlShards 不在 1–256 之间", "PublicUrls:CrlShards is outside 1–256."),
        new("GMPKI-TSA-001", null, "Timestamping:PolicyOid 不是点分 OID", "Timestamping:PolicyOid is not a dotted OID."),
        new("GMPKI-TSA-002", null, "Timestamping:AccuracyMilliseconds 不在 1–60,000 之间", "Timestamping:AccuracyMilliseconds is outside 1–60,000."),
        new("GMPKI-STATUS-001", null, "Status:CrlIntervalMinutes 不在 5–10080 之间", "Status:CrlIntervalMinutes is outside 5–10080."),
        new("GMPKI-STATUS-002", null, "Status:CrlValidityMinutes 不大于发布间隔，或超过 43200", "Status:CrlValidityMinutes is not more than the interval, or over 43200."),
        new("GMPKI-STATUS-003", null, "Status:DeltaIntervalMinutes 为负数或大于 CrlIntervalMinutes", "Status:DeltaIntervalMinutes is negative or over CrlIntervalMinutes."),
        new("GMPKI-STATUS-004", null, "Status:OcspValidityMinutes 不在 5–10080 之间", "Status:OcspValidityMinutes is outside 5–10080."),
        new("GMPKI-STATUS-005", null, "Status:OcspRefreshMinutes 小于 1 或不小于有效期", "Status:OcspRefreshMinutes is below 1 or not less than the validity."),
        new("GMPKI-STATUS-006", null, "Status:OcspLiveConcurrency 不在 0–1024 之间", "Status:OcspLiveConcurrency is outside 0–1024."),
        new("GMPKI-STATUS-007", null, "Status:PollSeconds 不在 1–300 之间或 Status:ResponderDays 不在 7–825 之间", "Status:PollSeconds is outside 1–300 or Status:ResponderDays outside 7–825."),
        new("GMPKI-LDAP-001", null, "Directory:Ldap:Url 不是 ldap://host[:port]", "Directory:Ldap:Url is not ldap://host[:port]."),
        new("GMPKI-LDAP-002", null, "Directory:Ldap:BindDn 缺失或不是可分辨名", "Directory:Ldap:BindDn is missing or not a distinguished name."),
        new("GMPKI-LDAP-003", null, "BindPassword 与 BindPasswordFile 不是恰好设置一个，或文件无法读取", "Not exactly one of BindPassword and BindPasswordFile, or the file cannot be read."),
        new("GMPKI-LDAP-004", null, "Directory:Ldap:BaseDn 缺失、不是可分辨名，或含 dc、o、ou、c、l、cn 以外的 RDN 类型", "Directory:Ldap:BaseDn is missing, not a distinguished name, or has an RDN type other than dc, o, ou, c, l, cn."),
        new("GMPKI-LDAP-005", null, "Directory:Ldap:MaxAttempts 不在 1–1000 之间或 TimeoutSeconds 不在 1–300 之间", "Directory:Ldap:MaxAttempts is outside 1–1000 or TimeoutSeconds outside 1–300."),
        new("GMPKI-ACME-001", null, "Acme:Http01Port 不是 TCP 端口", "Acme:Http01Port is not a TCP port."),
        new("GMPKI-ACME-002", null, "Acme:ResolveTo 不是 IP 地址", "Acme:ResolveTo is not an IP address."),
        new("GMPKI-ACME-003", null, "Acme:ValidationTimeoutSeconds 不在 1–60 之间", "Acme:ValidationTimeoutSeconds is outside 1–60."),
        new("GMPKI-PROFILE-001", null, "没有配置证书模板", "No certificate profiles are configured."),
        new("GMPKI-PROFILE-002", null, "模板名称不符合 [a-z0-9-]{1,64}", "The profile name does not match [a-z0-9-]{1,64}."),
        new("GMPKI-PROFILE-003", null, "PolicyOid 缺失或不是点分 OID", "PolicyOid is missing or not a dotted OID."),
        new("GMPKI-PROFILE-004", null, "CpsUri 不是绝对的 http(s) URI", "CpsUri is not an absolute http(s) URI."),
        new("GMPKI-PROFILE-005", null, "ValidityDays 不在 1–3650 之间", "ValidityDays is outside 1–3650."),
        new("GMPKI-PROFILE-006", null, "未知的密钥用法", "Unknown key usage."),
        new("GMPKI-PROFILE-007", null, "KeyUsage 为空", "KeyUsage is empty."),
        new("GMPKI-PROFILE-008", null, "未知的扩展密钥用法", "Unknown extended key usage."),
        new("GMPKI-PROFILE-009", null, "KeyAlgorithms 为空或含未知算法", "KeyAlgorithms is empty or names an unknown algorithm."),
        new("GMPKI-PROFILE-010", null, "未知的主体属性", "Unknown subject attribute."),
        new("GMPKI-PROFILE-011", null, "RequiredSubject 不含 CN（M24 §19(2)）", "RequiredSubject does not include CN (M24 §19(2))."),
        new("GMPKI-PROFILE-012", null, "未知的 subjectAltName 类型", "Unknown subjectAltName type."),
        new("GMPKI-PROFILE-013", null, "设置了 RequireSubjectAltName 但 SubjectAltNames 不允许任何类型", "RequireSubjectAltName is set but SubjectAltNames allows no type."),
        new("GMPKI-PROFILE-014", null, "未知的身份标识扩展", "Unknown identity extension."),
        new("GMPKI-PROFILE-015", null, "DisplayName 缺失", "DisplayName is missing."),
        new("GMPKI-PROFILE-016", null, "终端实体模板中出现 keyCertSign 或 cRLSign", "keyCertSign or cRLSign in an end-entity profile."),
        new("GMPKI-PROFILE-017", null, "EncryptionProfile 指向无效模板、自身、带有自己 EncryptionProfile 的模板，或密钥用法不是仅加密的模板", "EncryptionProfile names no valid profile, itself, a profile with its own EncryptionProfile, or one whose key usage is not encryption only."),
    ];

    /// <summary>The HTTP status of an error kind: Invalid 400, Unauthenticated 401, Forbidden 403, NotFound 404, Conflict 409, TooLarge 413, UnsupportedMediaType 415, Unprocessable 422, Unavailable 503, Internal 500.</summary>
    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => 400,
        ErrorKind.Unauthenticated => 401,
        ErrorKind.Forbidden => 403,
        ErrorKind.NotFound => 404,
        ErrorKind.Conflict => 409,
        ErrorKind.TooLarge => 413,
        ErrorKind.UnsupportedMediaType => 415,
        ErrorKind.Unprocessable => 422,
        ErrorKind.Unavailable => 503,
        _ => 500,
    };
}
