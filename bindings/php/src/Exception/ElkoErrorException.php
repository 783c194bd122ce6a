<?php
declare(strict_types=1);

namespace Elko\Exception;

/**
 * Base class of the errors of libelko and of ELKO's API; one subclass per elko_status code
 * (include/elko.h). getCode() is the (negative) elko_status. getReference() is the partner reference of
 * the order or reservation the error is about. The message never contains the token.
 */
abstract class ElkoErrorException extends \RuntimeException implements ElkoException
{
    /** The elko_status this class stands for. */
    public const STATUS = 0;

    /**
     * @param string      $message      what failed and what to do next
     * @param int         $httpStatus   ELKO's HTTP status, 0 when there was no HTTP answer
     * @param string|null $body         ELKO's answer text (its errors are plain text), or null
     * @param string|null $operation    the operation that failed ("orders.create"), or null
     * @param int         $retryAfterMs milliseconds to send nothing (rate limits), else 0
     * @param string|null $reference    the order's or reservation's partner reference (customerPo), or null
     */
    public function __construct(
        string $message,
        private readonly int $httpStatus = 0,
        private readonly ?string $body = null,
        private readonly ?string $operation = null,
        private readonly int $retryAfterMs = 0,
        ?\Throwable $previous = null,
        private readonly ?string $reference = null,
    ) {
        parent::__construct($message, static::STATUS, $previous);
    }

    /** ELKO's HTTP status, or 0 when there was no HTTP answer. */
    public function getHttpStatus(): int
    {
        return $this->httpStatus;
    }

    /** ELKO's answer body as text, or null when there was none. */
    public function getBody(): ?string
    {
        return $this->body;
    }

    /** The operation that failed, e.g. "orders.create"; null for raw requests and client creation. */
    public function getOperation(): ?string
    {
        return $this->operation;
    }

    /** Milliseconds to send nothing (rate limits), 0 otherwise. */
    public function getRetryAfterMs(): int
    {
        return $this->retryAfterMs;
    }

    /**
     * The partner reference (the body's customerPo, given by the caller or added by libelko) of the order
     * or reservation this error is about — for UncertainException, but also for a definite refusal of
     * orders.create or reservations.create; null for every other error (elko_error_reference()).
     */
    public function getReference(): ?string
    {
        return $this->reference;
    }

    /**
     * The exception for an elko_status code.
     *
     * @return class-string<ElkoErrorException>
     */
    public static function classFor(int $status): string
    {
        return match ($status) {
            -1 => InvalidArgumentException::class,
            -2 => BadRequestException::class,
            -3 => UnauthorizedException::class,
            -4 => ForbiddenException::class,
            -5 => RateLimitedException::class,
            -6 => NotFoundException::class,
            -7 => MethodNotAllowedException::class,
            -8 => ServerException::class,
            -9 => NetworkException::class,
            -10 => TimeoutException::class,
            -11 => ProtocolException::class,
            -12 => WriteRefusedException::class,
            -14 => UncertainException::class,
            default => InternalException::class,
        };
    }
}
